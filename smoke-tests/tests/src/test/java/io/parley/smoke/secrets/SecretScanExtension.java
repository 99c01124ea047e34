package io.parley.smoke.secrets;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every smoke test class through JUnit's extension auto-detection ({@code
 * junit-platform.properties} and {@code META-INF/services}): after the class's own {@code
 * @AfterAll} methods have stopped its applications, searches their logs and exported telemetry for
 * every secret the class used, prints one summary line, and fails the class on a find. The grand
 * total is printed when the whole run ends.
 */
public final class SecretScanExtension implements BeforeAllCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SecretScanExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    SecretScan.reset();
    totals(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    SecretScan.Result result;
    try {
      result = SecretScan.scanRegistered();
    } finally {
      SecretScan.reset();
    }
    String name = context.getRequiredTestClass().getSimpleName();
    System.out.println(result.summary(name));
    totals(context).add(result);
    if (!result.findings().isEmpty()) {
      throw new AssertionError(result.summary(name));
    }
  }

  private static Totals totals(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Totals.class, k -> new Totals(), Totals.class);
  }

  /** Sums over the run, printed once at its end. */
  static final class Totals implements ExtensionContext.Store.CloseableResource {
    private int classes;
    private long secrets;
    private long telemetryBytes;
    private long logBytes;
    private long receivers;
    private long jvms;
    private long findings;

    synchronized void add(SecretScan.Result result) {
      classes++;
      secrets += result.secretCount();
      telemetryBytes += result.telemetryBytes();
      logBytes += result.logBytes();
      receivers += result.receiversScanned();
      jvms += result.jvmsScanned();
      findings += result.findings().size();
    }

    @Override
    public synchronized void close() {
      System.out.printf(
          "[secret-scan] total: %d test classes, %d secret(s) searched in %,d telemetry bytes from %d receiver(s)"
              + " and %,d log bytes from %d agent JVM(s): %d found%n",
          classes, secrets, telemetryBytes, receivers, logBytes, jvms, findings);
    }
  }
}
