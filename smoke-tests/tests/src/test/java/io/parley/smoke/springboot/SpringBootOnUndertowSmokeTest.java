package io.parley.smoke.springboot;

import io.parley.smoke.launch.SmokeEnvironment;
import java.nio.file.Path;

/** The Spring Boot 3 server-span checks with embedded Undertow in place of Tomcat. */
class SpringBootOnUndertowSmokeTest extends AbstractSpringBootServerSpanSmokeTest {

  @Override
  protected Path java() {
    return SmokeEnvironment.currentJava();
  }

  @Override
  protected Path appJar() {
    return SmokeEnvironment.springBoot3UndertowJar();
  }

  @Override
  protected String serviceName() {
    return "smoke-spring-boot-3-undertow";
  }
}
