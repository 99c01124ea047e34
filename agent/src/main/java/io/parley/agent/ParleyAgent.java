package io.parley.agent;

import java.io.File;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * The {@code -javaagent} entry point. Puts the bootstrap bridge on the bootstrap class path, then
 * starts the agent; any failure leaves the application running without the agent.
 */
public final class ParleyAgent {

  private static final String BOOTSTRAP_JAR = "/io/parley/agent/parley-bootstrap.jar";
  private static boolean started;

  private ParleyAgent() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  private static synchronized void start(String agentArgs, Instrumentation instrumentation) {
    if (started) {
      return;
    }
    started = true;
    try {
      appendBootstrapJar(instrumentation);
      // loaded reflectively so that nothing refers to bridge classes before they are reachable
      Class.forName("io.parley.agent.AgentStarter")
          .getMethod("start", String.class, Instrumentation.class)
          .invoke(null, agentArgs, instrumentation);
    } catch (Throwable t) {
      Throwable cause = t.getCause() != null ? t.getCause() : t;
      System.err.println(
          "[parley] ERROR the agent could not start and is not active; the application runs"
              + " unchanged: "
              + cause);
    }
  }

  private static void appendBootstrapJar(Instrumentation instrumentation) throws Exception {
    File jar = File.createTempFile("parley-bootstrap", ".jar");
    jar.deleteOnExit();
    try (InputStream in = ParleyAgent.class.getResourceAsStream(BOOTSTRAP_JAR)) {
      if (in == null) {
        throw new IllegalStateException("the agent jar has no " + BOOTSTRAP_JAR);
      }
      Files.copy(in, jar.toPath(), StandardCopyOption.REPLACE_EXISTING);
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
  }
}
