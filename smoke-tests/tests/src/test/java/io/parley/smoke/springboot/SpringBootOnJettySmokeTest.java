package io.parley.smoke.springboot;

import io.parley.smoke.launch.SmokeEnvironment;
import java.nio.file.Path;

/** The Spring Boot 3 server-span checks with embedded Jetty 12 in place of Tomcat. */
class SpringBootOnJettySmokeTest extends AbstractSpringBootServerSpanSmokeTest {

  @Override
  protected Path java() {
    return SmokeEnvironment.currentJava();
  }

  @Override
  protected Path appJar() {
    return SmokeEnvironment.springBoot3JettyJar();
  }

  @Override
  protected String serviceName() {
    return "smoke-spring-boot-3-jetty";
  }
}
