package io.parley.smoke.llm;

import io.parley.smoke.launch.SmokeEnvironment;
import java.nio.file.Path;

/**
 * The JDK-transport LLM checks on a Temurin 25 JDK ({@code PARLEY_JDK25_HOME}, else
 * /usr/lib/jvm/temurin-25-jdk-amd64), whose java.net.http and HttpURLConnection internals differ
 * from 17's; skipped when none is installed.
 */
class LlmJdkOnTemurin25SmokeTest extends AbstractLlmJdkSmokeTest {

  @Override
  protected Path java() {
    return SmokeEnvironment.temurin25JavaOrSkip();
  }

  @Override
  protected String serviceName() {
    return "smoke-llm-jdk-jdk25";
  }
}
