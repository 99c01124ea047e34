package io.parley.agent.config;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain YAML scalars by the YAML 1.2 core schema instead of SnakeYAML's YAML 1.1 one, so
 * {@code off}, {@code no}, {@code 010} or {@code 1:30} stay the text the user wrote
 * ({@code session.derive: off} must not become {@code false}).
 */
final class CoreSchemaResolver extends Resolver {

  private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
  private static final Pattern INT = Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$");
  private static final Pattern FLOAT = Pattern.compile(
      "^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"
          + "|^[-+]?\\.(?:inf|Inf|INF)$|^\\.(?:nan|NaN|NAN)$");
  private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");

  @Override
  protected void addImplicitResolvers() {
    // called from Resolver's constructor: only static state may be used here
    addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
    addImplicitResolver(Tag.INT, INT, "-+0123456789");
    addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
    addImplicitResolver(Tag.NULL, NULL, "~nN\0");
    addImplicitResolver(Tag.MERGE, MERGE, "<");
  }
}
