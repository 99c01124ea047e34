package io.parley.benchmarks.session;

import io.parley.agent.log.ParleyLog;
import io.parley.agent.session.IdentityResolver;
import io.parley.agent.session.IdentitySettings;
import io.parley.agent.session.RequestIdentity;
import io.parley.benchmarks.session.RequestShapes.Shape;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Session, user, conversation and turn resolution for one inbound request ({@link
 * IdentityResolver#resolve}), with the default settings (users hashed with SHA-256, sessions
 * derived from the user when the client sent none), for each place a session can come from.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IdentityResolverBenchmark {

  /** Distinct users and sessions cycled through: more than a cache line's worth of luck. */
  static final int POOL = 1024;

  @Param({"HEADER", "BAGGAGE", "COOKIE", "DERIVED", "ANONYMOUS"})
  public Shape shape;

  private IdentityResolver resolver;
  private BenchRequest[] requests;
  private int next;

  @Setup
  public void setUp() {
    IdentitySettings settings = IdentitySettings.defaults();
    resolver = new IdentityResolver(settings, new ParleyLog(line -> {}, System::nanoTime));
    String[] names = RequestShapes.headerNames(settings);
    requests = new BenchRequest[POOL];
    for (int i = 0; i < POOL; i++) {
      requests[i] =
          new BenchRequest(names, RequestShapes.headerValues(names, shape, i), baggage(shape, i));
    }
  }

  @Benchmark
  public RequestIdentity resolve() {
    BenchRequest request = requests[next];
    next = (next + 1) & (POOL - 1);
    return resolver.resolve(request);
  }

  /** Baggage as the propagator decodes it (the server-hooks benchmark includes that decoding). */
  static Map<String, String> baggage(Shape shape, int i) {
    if (shape != Shape.BAGGAGE) {
      return Collections.emptyMap();
    }
    Map<String, String> entries = new HashMap<>();
    entries.put("session.id", RequestShapes.sessionId(i));
    entries.put("user.id", RequestShapes.userId(i));
    entries.put("tenant", "acme");
    return entries;
  }
}
