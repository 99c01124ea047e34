package io.parley.smoke.llm;

import io.parley.smoke.launch.SmokeEnvironment;
import java.nio.file.Path;
import java.util.List;

/**
 * The Spring AI checks on a Temurin 25 JDK ({@code PARLEY_JDK25_HOME}, else
 * /usr/lib/jvm/temurin-25-jdk-amd64): proxies, reflection and the JDK HttpClient under WebClient
 * as they are there; skipped when none is installed.
 */
class SpringAiChatModelOnTemurin25SmokeTest extends SpringAiChatModelSmokeTest {

  @Override
  protected Path java() {
    return SmokeEnvironment.temurin25JavaOrSkip();
  }

  /** The JDK HttpClient under WebClient, where the application's default is Reactor Netty. */
  @Override
  protected List<String> connectorArgs() {
    return List.of("--spring.http.reactiveclient.connector=jdk");
  }

  @Override
  protected String serviceName() {
    return "smoke-llm-spring-ai-jdk25";
  }
}
