package io.parley.instrumentation.servlet.v3_0;

import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import io.parley.instrumentation.servlet.common.ServletTypeInstrumentations;
import java.util.List;

/** Server spans for `javax.servlet` 3.0+ containers. */
public final class Servlet3InstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "servlet-3.0";
  }

  @Override
  public String gateClass() {
    return "javax.servlet.AsyncContext";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return ServletTypeInstrumentations.forPackage(
        "javax.servlet", "io.parley.instrumentation.servlet.v3_0.ServletRequestAdvice");
  }
}
