package io.parley.smoke.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Where the build put the agent and the application jars (surefire system properties). */
public final class SmokeEnvironment {

  /** Environment variable naming a Temurin 25 JDK home to use instead of the default location. */
  public static final String JDK25_HOME_ENV = "PARLEY_JDK25_HOME";

  private static final Path DEFAULT_JDK25_HOME = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  private SmokeEnvironment() {}

  public static Path agentJar() {
    return existingFile("parley.smoke.agentJar");
  }

  public static Path demoJar() {
    return existingFile("parley.smoke.demoJar");
  }

  public static Path springBoot3Jar() {
    return existingFile("parley.smoke.springBoot3Jar");
  }

  public static Path springBoot2Jar() {
    return existingFile("parley.smoke.springBoot2Jar");
  }

  public static Path springBoot3UndertowJar() {
    return existingFile("parley.smoke.springBoot3UndertowJar");
  }

  public static Path springBoot3JettyJar() {
    return existingFile("parley.smoke.springBoot3JettyJar");
  }

  public static Path tomcatWebappJar() {
    return existingFile("parley.smoke.tomcatWebappJar");
  }

  /** The unpacked Tomcat distribution (CATALINA_HOME). */
  public static Path tomcatHome() {
    return existingFile("parley.smoke.tomcatBootstrapJar").getParent().getParent();
  }

  public static Path jettyJavaxJar() {
    return existingFile("parley.smoke.jettyJavaxJar");
  }

  public static Path relayJar() {
    return existingFile("parley.smoke.relayJar");
  }

  public static Path webFluxJar() {
    return existingFile("parley.smoke.webFluxJar");
  }

  public static Path webFluxTomcatJar() {
    return existingFile("parley.smoke.webFluxTomcatJar");
  }

  public static Path llmOkHttpJar() {
    return existingFile("parley.smoke.llmOkHttpJar");
  }

  public static Path llmJdkJar() {
    return existingFile("parley.smoke.llmJdkJar");
  }

  public static Path logDir() {
    return Path.of(System.getProperty("parley.smoke.logDir", "target/smoke-logs"));
  }

  /** The {@code java} launcher of the JDK running the tests. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** The {@code java} launcher of a Temurin 25 JDK, when one is installed. */
  public static Optional<Path> temurin25Java() {
    String override = System.getenv(JDK25_HOME_ENV);
    Path home = override == null || override.isBlank() ? DEFAULT_JDK25_HOME : Path.of(override);
    Path java = home.resolve("bin").resolve("java");
    return Files.isExecutable(java) ? Optional.of(java) : Optional.empty();
  }

  /**
   * The Temurin 25 {@code java} launcher; when none is installed, the calling test is skipped by
   * assumption, saying how to point at one.
   */
  public static Path temurin25JavaOrSkip() {
    Optional<Path> java = temurin25Java();
    Assumptions.assumeTrue(
        java.isPresent(), "no Temurin 25 JDK installed (set " + JDK25_HOME_ENV + ")");
    return java.get();
  }

  public static String expected(String name) {
    String value = System.getProperty("parley.smoke.expected." + name);
    if (value == null) {
      throw new IllegalStateException(
          "system property parley.smoke.expected." + name + " is not set; run the smoke tests through Maven");
    }
    return value;
  }

  private static Path existingFile(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set; run the smoke tests through Maven "
              + "(mvn -B verify from the repository root)");
    }
    Path path = Path.of(value).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          property + " points to " + path + ", which does not exist; build the reactor first "
              + "(mvn -B verify from the repository root, or -pl smoke-tests/tests -am)");
    }
    return path;
  }
}
