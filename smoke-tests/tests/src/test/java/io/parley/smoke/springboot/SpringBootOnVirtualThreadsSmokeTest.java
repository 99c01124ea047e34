package io.parley.smoke.springboot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.smoke.launch.SmokeEnvironment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Spring Boot 3 server-span checks with Tomcat serving every request on a virtual thread
 * ({@code spring.threads.virtual.enabled=true}), on the Temurin 25 JDK; skipped without it.
 */
class SpringBootOnVirtualThreadsSmokeTest extends AbstractSpringBootServerSpanSmokeTest {

  @Override
  protected Path java() {
    return SmokeEnvironment.temurin25JavaOrSkip();
  }

  @Override
  protected List<String> extraAppArgs() {
    return List.of("--spring.threads.virtual.enabled=true");
  }

  @Override
  protected String serviceName() {
    return "smoke-spring-boot-3-virtual-threads";
  }

  @Test
  void requestsAreServedOnVirtualThreads() {
    String thread = app().get("/thread").body();
    assertTrue(thread.startsWith("VirtualThread["), "served on " + thread);
  }
}
