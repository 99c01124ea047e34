package io.parley.agent.config;

import io.parley.agent.log.ParleyLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits {@code -javaagent:parley-agent.jar=key=value,key2=value2} into keys and values. Since
 * list values use commas too, an item that is not an assignment continues the previous value
 * when that value is a list: {@code parley.session.headers=X-A,X-B} is one setting, and so is
 * {@code otel.resource.attributes=a=b,c=d}.
 */
final class AgentArguments {

  private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private AgentArguments() {}

  /**
   * Returns the assignments in order (a repeated key keeps its last value); malformed items are
   * logged as warnings and skipped. {@code known} tells which keys take lists or are secret.
   */
  static Map<String, String> parse(String args, Map<String, ConfigKey<?>> known, ParleyLog log) {
    Map<String, String> assignments = new LinkedHashMap<>();
    if (args == null) {
      return assignments;
    }
    String previous = null;
    int position = 0;
    for (String part : args.split(",")) {
      position++;
      String item = part.trim();
      if (item.isEmpty()) {
        continue;
      }
      int equals = item.indexOf('=');
      String name = equals < 0 ? null : item.substring(0, equals).trim();
      boolean assignment =
          name != null && (name.startsWith(ConfigKey.PREFIX) || name.startsWith("otel."));
      if (!assignment && previous != null && continues(previous, equals >= 0, known)) {
        assignments.put(previous, assignments.get(previous) + "," + item);
      } else if (name == null || name.isEmpty()) {
        warnMalformed(item, position, previous == null ? null : known.get(previous), log);
        previous = null;
      } else {
        assignments.put(name, item.substring(equals + 1).trim());
        previous = name;
      }
    }
    return assignments;
  }

  // a malformed item may be a mistyped secret ("parley.user.hash.key:s3cret"), so only an item that
  // looks like a bare key name is quoted
  private static void warnMalformed(
      String item, int position, ConfigKey<?> previousKey, ParleyLog log) {
    if (previousKey != null && previousKey.isSecret()) {
      log.warn("ignoring agent argument #" + position + ": expected key=value (the value of "
          + previousKey.name() + " cannot contain ',')");
    } else if (QUOTABLE.matcher(item).matches()) {
      log.warn("ignoring agent argument '" + item + "': expected key=value");
    } else {
      log.warn("ignoring agent argument #" + position + ": expected key=value");
    }
  }

  private static boolean continues(
      String previous, boolean hasEquals, Map<String, ConfigKey<?>> known) {
    if (previous.startsWith("otel.")) {
      return true; // otel lists may hold key=value pairs themselves
    }
    ConfigKey<?> key = known.get(previous);
    return !hasEquals
        && key != null
        && (key.type() == ConfigType.STRING_LIST || key.type() == ConfigType.ENUM_LIST);
  }
}
