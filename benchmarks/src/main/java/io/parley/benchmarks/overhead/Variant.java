package io.parley.benchmarks.overhead;

import java.nio.file.Path;

/** One way of launching the application: with no agent, or with one agent jar. */
final class Variant {

  final String name;
  final String label;
  /** Null: no agent. */
  final Path agentJar;

  Variant(String name, String label, Path agentJar) {
    this.name = name;
    this.label = label;
    this.agentJar = agentJar;
  }

  @Override
  public String toString() {
    return name;
  }
}
