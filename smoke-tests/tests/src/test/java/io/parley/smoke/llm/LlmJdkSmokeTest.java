package io.parley.smoke.llm;

import io.parley.smoke.launch.SmokeEnvironment;
import java.nio.file.Path;

/** The JDK-transport LLM checks on the JDK running the tests. */
class LlmJdkSmokeTest extends AbstractLlmJdkSmokeTest {

  @Override
  protected Path java() {
    return SmokeEnvironment.currentJava();
  }

  @Override
  protected String serviceName() {
    return "smoke-llm-jdk";
  }
}
