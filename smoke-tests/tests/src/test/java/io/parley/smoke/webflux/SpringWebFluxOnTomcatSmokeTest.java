package io.parley.smoke.webflux;

import io.parley.smoke.launch.SmokeEnvironment;
import java.nio.file.Path;

/**
 * The same WebFlux checks with the service on embedded Tomcat's servlet adapter: the servlet
 * advice's span is the request's only SERVER span, named by WebFlux's route, and WebClient calls
 * (on Reactor Netty) are turns of it.
 */
class SpringWebFluxOnTomcatSmokeTest extends SpringWebFluxSmokeTest {

  @Override
  protected Path appJar() {
    return SmokeEnvironment.webFluxTomcatJar();
  }

  @Override
  protected String serviceName() {
    return "smoke-spring-boot-3-webflux-tomcat";
  }
}
