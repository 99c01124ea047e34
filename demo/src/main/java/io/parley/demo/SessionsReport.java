package io.parley.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sessions found in a file of exported spans, as a table: session, user, requests, duration,
 * turns, LLM calls, input and output tokens, cost.
 *
 * <p>Also usable on its own: {@code java -cp parley-demo.jar io.parley.demo.SessionsReport FILE}.
 */
public final class SessionsReport {

  private static final int MAX_ID_WIDTH = 40;
  private static final String[] HEADER = {
    "session", "user", "requests", "duration", "turns", "LLM calls",
    "input tokens", "output tokens", "cost (USD)"
  };
  private static final int TEXT_COLUMNS = 2; // the first two are left-aligned, the rest numbers

  private final Path file;
  private final List<SessionSummary> sessions;
  private final int spanCount;
  private final int unreadableLines;
  private final boolean hasTurns;
  private final boolean hasLlmCalls;

  private SessionsReport(Path file, List<ExportedSpan> spans, int unreadableLines) {
    this.file = file;
    this.spanCount = spans.size();
    this.unreadableLines = unreadableLines;
    this.sessions = group(spans);
    // count columns show "-" rather than 0 while the agent does not produce the data at all
    this.hasTurns = spans.stream().anyMatch(s -> s.longValue(SessionSummary.TURN_NUMBER) != null);
    this.hasLlmCalls = spans.stream().anyMatch(SessionSummary::isLlmCall);
  }

  /** Reads {@code file}; a missing file gives an empty report that says so. */
  public static SessionsReport read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new SessionsReport(file, List.of(), 0);
    }
    OtlpJsonLinesReader.Contents contents = new OtlpJsonLinesReader().read(file);
    return new SessionsReport(file, contents.spans(), contents.unreadableLines());
  }

  private static List<SessionSummary> group(List<ExportedSpan> spans) {
    Map<String, SessionSummary> bySession = new LinkedHashMap<>();
    for (ExportedSpan span : spans) {
      bySession.computeIfAbsent(SessionSummary.sessionOf(span), SessionSummary::new).add(span);
    }
    List<SessionSummary> sorted = new ArrayList<>(bySession.values());
    sorted.sort(
        Comparator.comparing((SessionSummary s) -> s.sessionId().equals(SessionSummary.NO_SESSION))
            .thenComparingLong(SessionSummary::firstStartNanos));
    return sorted;
  }

  /** The sessions, in order of their first span; spans without a session come last. */
  List<SessionSummary> sessions() {
    return sessions;
  }

  int spanCount() {
    return spanCount;
  }

  /** The report as printed: a heading naming the file, the table and a total line. */
  public String render() {
    StringBuilder out = new StringBuilder();
    if (spanCount == 0) {
      out.append(Files.exists(file) ? "No spans in " : "No telemetry file at ")
          .append(file.toAbsolutePath())
          .append(".\nThe agent exported nothing: is it attached (-javaagent) with")
          .append(" OTEL_TRACES_EXPORTER=file?\n");
      return out.toString();
    }
    long realSessions =
        sessions.stream().filter(s -> !s.sessionId().equals(SessionSummary.NO_SESSION)).count();
    out.append("Sessions in ").append(file.toAbsolutePath())
        .append(" (").append(spanCount).append(" spans, ").append(realSessions)
        .append(realSessions == 1 ? " session):\n\n" : " sessions):\n\n");
    List<String[]> rows = new ArrayList<>();
    for (SessionSummary session : sessions) {
      rows.add(row(session));
    }
    out.append(table(rows, totalRow(realSessions)));
    if (unreadableLines > 0) {
      out.append("\n(").append(unreadableLines).append(" unreadable line(s) skipped)\n");
    }
    return out.toString();
  }

  private String[] row(SessionSummary s) {
    return new String[] {
      abbreviate(s.sessionId()),
      s.user() == null ? "-" : abbreviate(s.user()),
      Integer.toString(s.requests()),
      duration(s.durationNanos()),
      hasTurns ? Integer.toString(s.turns()) : "-",
      hasLlmCalls ? Integer.toString(s.llmCalls()) : "-",
      count(s.inputTokens()),
      count(s.outputTokens()),
      cost(s.costUsd())
    };
  }

  private String[] totalRow(long realSessions) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int requests = 0;
    int turns = 0;
    int llmCalls = 0;
    Long input = null;
    Long output = null;
    Double cost = null;
    for (SessionSummary s : sessions) {
      first = Math.min(first, s.firstStartNanos());
      last = Math.max(last, s.lastEndNanos());
      requests += s.requests();
      turns += s.turns();
      llmCalls += s.llmCalls();
      input = SessionSummary.plus(input, s.inputTokens());
      output = SessionSummary.plus(output, s.outputTokens());
      cost = SessionSummary.plus(cost, s.costUsd());
    }
    return new String[] {
      "total (" + realSessions + (realSessions == 1 ? " session)" : " sessions)"),
      "",
      Integer.toString(requests),
      duration(last - first),
      hasTurns ? Integer.toString(turns) : "-",
      hasLlmCalls ? Integer.toString(llmCalls) : "-",
      count(input),
      count(output),
      cost(cost)
    };
  }

  private static String table(List<String[]> rows, String[] total) {
    int[] widths = new int[HEADER.length];
    List<String[]> all = new ArrayList<>();
    all.add(HEADER);
    all.addAll(rows);
    all.add(total);
    for (String[] row : all) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    String[] rule = new String[HEADER.length];
    for (int i = 0; i < rule.length; i++) {
      rule[i] = "-".repeat(widths[i]);
    }
    StringBuilder out = new StringBuilder();
    line(out, HEADER, widths);
    line(out, rule, widths);
    for (String[] row : rows) {
      line(out, row, widths);
    }
    line(out, rule, widths);
    line(out, total, widths);
    return out.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] widths) {
    out.append("  ");
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append("  ");
      }
      String padding = " ".repeat(widths[i] - cells[i].length());
      out.append(i < TEXT_COLUMNS ? cells[i] + padding : padding + cells[i]);
    }
    out.append('\n');
  }

  private static String abbreviate(String id) {
    return id.length() <= MAX_ID_WIDTH ? id : id.substring(0, MAX_ID_WIDTH - 3) + "...";
  }

  static String duration(long nanos) {
    double seconds = nanos / 1e9;
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    long whole = Math.round(seconds);
    return String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60);
  }

  private static String count(Long value) {
    return value == null ? "-" : value.toString();
  }

  private static String cost(Double usd) {
    return usd == null ? "-" : String.format(Locale.ROOT, "%.6f", usd);
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: SessionsReport <spans.jsonl>");
      System.exit(2);
    }
    System.out.print(read(Paths.get(args[0])).render());
  }
}
