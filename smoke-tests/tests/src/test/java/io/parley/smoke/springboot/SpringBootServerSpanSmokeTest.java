package io.parley.smoke.springboot;

import io.parley.smoke.launch.SmokeEnvironment;
import java.nio.file.Path;

/** The Spring Boot 3 server-span checks on the JDK running the build. */
class SpringBootServerSpanSmokeTest extends AbstractSpringBootServerSpanSmokeTest {

  @Override
  protected Path java() {
    return SmokeEnvironment.currentJava();
  }

  @Override
  protected String serviceName() {
    return "smoke-spring-boot-3";
  }
}
