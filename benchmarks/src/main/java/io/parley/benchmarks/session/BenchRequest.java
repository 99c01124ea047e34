package io.parley.benchmarks.session;

import io.parley.agent.session.RequestFacts;
import java.util.Map;

/**
 * An inbound request as identity resolution sees it: the values of the headers the agent asks
 * the servlet advice for (by position, absent ones null) and the already-decoded baggage. Header
 * lookup is the same case-insensitive scan the agent's own adapter does.
 */
public final class BenchRequest implements RequestFacts {

  private final String[] lowerNames;
  private final String[] values;
  private final Map<String, String> baggage;

  public BenchRequest(String[] lowerNames, String[] values, Map<String, String> baggage) {
    this.lowerNames = lowerNames;
    this.values = values;
    this.baggage = baggage;
  }

  @Override
  public String header(String name) {
    for (int i = 0; i < lowerNames.length; i++) {
      if (lowerNames[i].equalsIgnoreCase(name)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public String baggage(String key) {
    return baggage.get(key);
  }

  @Override
  public String principal() {
    return null;
  }
}
