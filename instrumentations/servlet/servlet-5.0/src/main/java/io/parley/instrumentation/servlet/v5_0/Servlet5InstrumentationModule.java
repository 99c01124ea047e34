package io.parley.instrumentation.servlet.v5_0;

import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import io.parley.instrumentation.servlet.common.ServletTypeInstrumentations;
import java.util.List;

/** Server spans for `jakarta.servlet` 5.0+ containers. */
public final class Servlet5InstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "servlet-5.0";
  }

  @Override
  public String gateClass() {
    return "jakarta.servlet.AsyncContext";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return ServletTypeInstrumentations.forPackage(
        "jakarta.servlet", "io.parley.instrumentation.servlet.v5_0.ServletRequestAdvice");
  }
}
