package io.parley.agent.config;

import io.parley.agent.log.ParleyLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The YAML configuration file, flattened: nested maps join their keys with '.', dotted keys are
 * allowed at any level and a leading {@code parley.} (or a top-level {@code parley:} map) is
 * optional. {@code otel.*} entries and the registered raw sections are kept apart.
 */
final class ConfigFile {

  /** One parley entry: the key as the file spelled it, and its value as text. */
  static final class Entry {
    final String written;
    final String text;

    Entry(String written, String text) {
      this.written = written;
      this.text = text;
    }
  }

  private static final int MAX_DEPTH = 32;

  private final String path;
  private final Collection<String> sectionNames;
  private final ParleyLog log;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<String, String> otel = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();

  private ConfigFile(String path, Collection<String> sectionNames, ParleyLog log) {
    this.path = path;
    this.sectionNames = sectionNames;
    this.log = log;
  }

  /**
   * Reads the file at {@code path}; {@code namedBy} says which setting named it. Returns null,
   * after one ERROR line, when the file cannot be read or parsed. Never throws.
   */
  static ConfigFile read(
      String path, String namedBy, Collection<String> sectionNames, ParleyLog log) {
    String prefix = "cannot use configuration file '" + path + "' (named by " + namedBy + "): ";
    String suffix = "; continuing without it";
    byte[] bytes;
    try {
      Path file = Paths.get(path);
      if (Files.isDirectory(file)) {
        log.error(prefix + "it is a directory" + suffix);
        return null;
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      log.error(prefix + "file not found" + suffix);
      return null;
    } catch (AccessDeniedException e) {
      log.error(prefix + "permission denied" + suffix);
      return null;
    } catch (IOException | InvalidPathException | SecurityException e) {
      log.error(prefix + "cannot read it (" + e.getClass().getSimpleName() + ")" + suffix);
      return null;
    }
    try {
      Object document = newYaml().load(new ByteArrayInputStream(bytes));
      ConfigFile file = new ConfigFile(path, sectionNames, log);
      if (document instanceof Map) {
        file.flatten((Map<?, ?>) document, "", 0);
      } else if (document != null) {
        log.error(prefix + "expected keys and values at the top level" + suffix);
        return null;
      }
      return file;
    } catch (YAMLException e) {
      log.error(prefix + "malformed YAML: " + shortReason(e) + suffix);
      return null;
    } catch (TooDeepException e) {
      log.error(prefix + "nested more than " + MAX_DEPTH + " levels deep" + suffix);
      return null;
    }
  }

  String path() {
    return path;
  }

  /** Parley entries by full key name ({@code parley.x.y}), in file order. */
  Map<String, Entry> entries() {
    return entries;
  }

  /** {@code otel.*} entries by full name, values as text. */
  Map<String, String> otel() {
    return otel;
  }

  /** The raw registered sections found in the file, by section name. */
  Map<String, Map<String, Object>> sections() {
    return sections;
  }

  private static Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    return new Yaml(
        new SafeConstructor(options),
        new Representer(new DumperOptions()),
        new DumperOptions(),
        options,
        new CoreSchemaResolver());
  }

  // the parser's own message quotes the offending lines of the file; a secret may be among them
  private static String shortReason(YAMLException e) {
    if (e instanceof MarkedYAMLException) {
      MarkedYAMLException marked = (MarkedYAMLException) e;
      String where = marked.getProblemMark() == null
          ? ""
          : " (line " + (marked.getProblemMark().getLine() + 1)
              + ", column " + (marked.getProblemMark().getColumn() + 1) + ")";
      return firstLine(marked.getProblem()) + where;
    }
    return firstLine(e.getMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown problem";
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).trim();
  }

  private void flatten(Map<?, ?> map, String prefix, int depth) {
    if (depth > MAX_DEPTH) {
      throw new TooDeepException();
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey()).trim();
      String written = prefix.isEmpty() ? key : prefix + "." + key;
      String name = written.startsWith(ConfigKey.PREFIX)
          ? written.substring(ConfigKey.PREFIX.length())
          : written.equals("parley") ? "" : written;
      Object value = entry.getValue();
      String section = sectionOf(name);
      if (section != null) {
        addToSection(section, name, value);
      } else if (value instanceof Map) {
        flatten((Map<?, ?>) value, written, depth + 1);
      } else if (value != null) { // "key:" with no value leaves the key unset
        String text = text(value);
        if (text == null) {
          log.error("ignoring '" + written + "' in configuration file '" + path
              + "': expected a value or a list of plain values");
        } else if (name.startsWith("otel.")) {
          otel.put(name, text);
        } else {
          entries.put(ConfigKey.PREFIX + name, new Entry(written, text));
        }
      }
    }
  }

  private String sectionOf(String name) {
    for (String section : sectionNames) {
      if (name.equals(section) || name.startsWith(section + ".")) {
        return section;
      }
    }
    return null;
  }

  private void addToSection(String section, String name, Object value) {
    if (value == null) {
      return;
    }
    Map<String, Object> target = sections.get(section);
    if (target == null) {
      target = new LinkedHashMap<>();
      sections.put(section, target);
    }
    if (!name.equals(section)) {
      // "prices.gpt-4.1: {...}": the rest of the key is one entry, dots and all, as model names
      // have dots
      target.put(name.substring(section.length() + 1), copy(value, 0));
    } else if (value instanceof Map) {
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        target.put(String.valueOf(entry.getKey()), copy(entry.getValue(), 1));
      }
    } else {
      log.error("ignoring section '" + section + "' in configuration file '" + path
          + "': expected keys and values under it");
    }
  }

  /** A read-only copy of a YAML value, map keys as strings. */
  private static Object copy(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new TooDeepException();
    }
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        copy.put(String.valueOf(entry.getKey()), copy(entry.getValue(), depth + 1));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      for (Object item : (List<?>) value) {
        copy.add(copy(item, depth + 1));
      }
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /** A scalar as text, a list of scalars comma-joined; null for anything nested deeper. */
  private static String text(Object value) {
    if (!(value instanceof List)) {
      return String.valueOf(value);
    }
    List<String> items = new ArrayList<>();
    for (Object item : (List<?>) value) {
      if (item instanceof Map || item instanceof List) {
        return null;
      }
      if (item != null) {
        items.add(String.valueOf(item));
      }
    }
    return String.join(",", items);
  }

  private static final class TooDeepException extends RuntimeException {
    TooDeepException() {
      super(null, null, false, false);
    }
  }
}
