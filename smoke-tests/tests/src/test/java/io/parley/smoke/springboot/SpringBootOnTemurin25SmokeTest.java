package io.parley.smoke.springboot;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parley.smoke.launch.SmokeEnvironment;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Spring Boot 3 server-span checks on a Temurin 25 JDK: {@code PARLEY_JDK25_HOME}, else
 * /usr/lib/jvm/temurin-25-jdk-amd64. Skipped when neither exists.
 */
class SpringBootOnTemurin25SmokeTest extends AbstractSpringBootServerSpanSmokeTest {

  @Override
  protected Path java() {
    Optional<Path> java = SmokeEnvironment.temurin25Java();
    assumeTrue(java.isPresent(), "no Temurin 25 JDK installed (set " + SmokeEnvironment.JDK25_HOME_ENV + ")");
    return java.get();
  }

  @Override
  protected String serviceName() {
    return "smoke-spring-boot-3-jdk25";
  }
}
