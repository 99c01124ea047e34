package io.parley.smoke.springboot;

import io.parley.smoke.launch.SmokeEnvironment;
import java.nio.file.Path;

/**
 * The Spring Boot server-span checks on Spring Boot 2.7: embedded Tomcat 9, {@code javax.servlet}
 * 4.0, Spring MVC 5.3, the same application and endpoints as the Spring Boot 3 one.
 */
class SpringBoot2SmokeTest extends AbstractSpringBootServerSpanSmokeTest {

  @Override
  protected Path java() {
    return SmokeEnvironment.currentJava();
  }

  @Override
  protected Path appJar() {
    return SmokeEnvironment.springBoot2Jar();
  }

  @Override
  protected String serviceName() {
    return "smoke-spring-boot-2";
  }
}
