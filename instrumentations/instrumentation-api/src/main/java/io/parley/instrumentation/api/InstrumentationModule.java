package io.parley.instrumentation.api;

import java.util.Collections;
import java.util.List;

/**
 * One instrumented library family and version range; found by the agent through
 * {@link java.util.ServiceLoader}.
 */
public interface InstrumentationModule {

  /** Short name used in logs and in {@code parley.instrumentation.<name>.enabled}. */
  String name();

  /**
   * A class that exists only in the library versions this module supports; the module applies
   * to a class loader only when that loader can see this class.
   */
  String gateClass();

  /** The types this module transforms and the advice it applies to them. */
  List<TypeInstrumentation> typeInstrumentations();

  /**
   * Names of JDK classes ({@code java.*}, {@code jdk.*}, {@code sun.*}) this module transforms;
   * the agent ignores JDK classes unless a module names them here, and lets their modules read
   * the bootstrap bridge.
   */
  default List<String> jdkTypes() {
    return Collections.emptyList();
  }

  /**
   * Called once, before the module's advice is installed. A module whose advice needs agent-side
   * code at run time (an object built for each application class loader, or a wrapper of library
   * types the bootstrap cannot name, such as {@code java.net.http} handlers) registers it with the
   * bridge here.
   */
  default void registerHooks() {}
}
