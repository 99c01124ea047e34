package io.parley.smoke.springboot;

import io.parley.smoke.launch.SmokeEnvironment;
import java.nio.file.Path;

/**
 * The Spring Boot 3 server-span checks on a Temurin 25 JDK: {@code PARLEY_JDK25_HOME}, else
 * /usr/lib/jvm/temurin-25-jdk-amd64. Skipped when neither exists.
 */
class SpringBootOnTemurin25SmokeTest extends AbstractSpringBootServerSpanSmokeTest {

  @Override
  protected Path java() {
    return SmokeEnvironment.temurin25JavaOrSkip();
  }

  @Override
  protected String serviceName() {
    return "smoke-spring-boot-3-jdk25";
  }
}
