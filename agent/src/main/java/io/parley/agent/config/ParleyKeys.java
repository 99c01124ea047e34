package io.parley.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Every configuration key of the agent, declared once, in the order the README lists them. */
public final class ParleyKeys {

  // filled by declare() as the constants below initialise, so a new key is one declaration
  private static final List<ConfigKey<?>> DECLARED = new ArrayList<>();

  public static final ConfigKey<Boolean> ENABLED =
      declare(ConfigKey.bool("parley.enabled", true,
          "Set to false to turn the agent off entirely; the application then runs as if it were"
              + " not attached."));

  public static final ConfigKey<String> CONFIG =
      declare(ConfigKey.string("parley.config", null,
          "Path of a YAML configuration file whose values apply below system properties and"
              + " environment variables."));

  public static final ConfigKey<List<String>> SESSION_HEADERS =
      declare(ConfigKey.stringList("parley.session.headers",
          "X-Session-Id,Session-Id,Helicone-Session-Id",
          "Request headers read, in order, for a session id sent by the client."));

  public static final ConfigKey<List<String>> SESSION_BAGGAGE_KEYS =
      declare(ConfigKey.stringList("parley.session.baggage.keys", "session.id,langfuse_session_id",
          "W3C baggage entries read, in order, for a session id when no session header has one."));

  public static final ConfigKey<List<String>> SESSION_COOKIES =
      declare(ConfigKey.stringList("parley.session.cookies", "session_id,JSESSIONID",
          "Cookies read, in order, for a session id when no header or baggage has one; the id is"
              + " recorded hashed."));

  public static final ConfigKey<String> SESSION_DERIVE =
      declare(ConfigKey.oneOf("parley.session.derive", "user",
          "How to make a session id when the request carries none: user derives it from the"
              + " user, off leaves the request without a session.",
          "user", "off"));

  public static final ConfigKey<Duration> SESSION_TIMEOUT =
      declare(ConfigKey.duration("parley.session.timeout", "30m",
          "Inactivity after which a session is closed and its summary span is emitted."));

  public static final ConfigKey<Integer> SESSION_MAX =
      declare(ConfigKey.integer("parley.session.max", 10000,
          "Most sessions remembered at once; beyond it the oldest is closed and summarised.")
          .atLeast(1));

  public static final ConfigKey<List<String>> USER_HEADERS =
      declare(ConfigKey.stringList("parley.user.headers", "X-User-Id",
          "Request headers read, in order, for the user id."));

  public static final ConfigKey<List<String>> USER_BAGGAGE_KEYS =
      declare(ConfigKey.stringList("parley.user.baggage.keys", "user.id,langfuse_user_id",
          "W3C baggage entries read, in order, for the user id when no user header has one."));

  public static final ConfigKey<Boolean> USER_PRINCIPAL =
      declare(ConfigKey.bool("parley.user.principal", true,
          "Whether the servlet request's authenticated principal is the user when no header or"
              + " baggage names one."));

  public static final ConfigKey<String> USER_HASH =
      declare(ConfigKey.oneOf("parley.user.hash", "sha256",
          "How user ids and cookie-derived session ids are recorded: sha256 keeps the first 16"
              + " hex characters of HMAC-SHA256 keyed with parley.user.hash.key (plain SHA-256"
              + " without a key), none records them as sent.",
          "sha256", "none"));

  public static final ConfigKey<String> USER_HASH_KEY =
      declare(ConfigKey.string("parley.user.hash.key", null,
          "Secret key of the HMAC-SHA256 user hash; without one, anyone can recompute the"
              + " plain SHA-256 of a guessed id.")
          .secret());

  public static final ConfigKey<String> CONVERSATION_HEADER =
      declare(ConfigKey.string("parley.conversation.header", "X-Conversation-Id",
          "Request header carrying the conversation id; without it the conversation id is the"
              + " session id."));

  public static final ConfigKey<String> TURN_HEADER =
      declare(ConfigKey.string("parley.turn.header", "X-Turn-Number",
          "Request header whose valid value overrides the turn number the agent would assign."));

  public static final ConfigKey<Boolean> CAPTURE_CONTENT =
      declare(ConfigKey.bool("parley.capture.content", false,
          "Whether LLM spans carry the prompt and completion text (gen_ai.input.messages,"
              + " gen_ai.output.messages, gen_ai.system_instructions, at most 32,768 characters of"
              + " text each); telemetry then holds the users' conversations, so read"
              + " docs/security.md before turning it on."));

  public static final ConfigKey<List<String>> LLM_HOSTS =
      declare(ConfigKey.stringList("parley.llm.hosts", "",
          "Extra hosts (host or host:port) whose requests on any known LLM API path are LLM calls,"
              + " like the providers' own hosts; they get no session header or baggage (see"
              + " parley.propagation.to.llm.hosts)."));

  public static final ConfigKey<List<String>> LLM_PATHS =
      declare(ConfigKey.stringList("parley.llm.paths", "",
          "Extra request path suffixes read as OpenAI-compatible chat completions."));

  public static final ConfigKey<Boolean> PROPAGATION_ENABLED =
      declare(ConfigKey.bool("parley.propagation.enabled", true,
          "Whether outbound HTTP requests carry the trace context (traceparent) and, inside a"
              + " request with a session, the session header and baggage session.id and hashed"
              + " user.id, so that a downstream service running the agent joins the same trace and"
              + " session."));

  public static final ConfigKey<Boolean> PROPAGATION_TO_LLM_HOSTS =
      declare(ConfigKey.bool("parley.propagation.to.llm.hosts", false,
          "Whether requests to LLM provider hosts, configured LLM hosts and LLM API calls also"
              + " get the session header and baggage (they always get traceparent)."));

  public static final ConfigKey<List<String>> DIALECTS =
      declare(ConfigKey.listOf("parley.dialects", "otel",
          "Attribute dialects written besides the OpenTelemetry keys (which are always written):"
              + " openinference for Phoenix and Arize, langfuse for Langfuse; several may be"
              + " combined.",
          "otel", "openinference", "langfuse"));

  public static final ConfigKey<String> EXPORTER_FILE_PATH =
      declare(ConfigKey.string("parley.exporter.file.path", "parley-spans.jsonl",
          "File the spans are written to, one JSON object per line, when"
              + " OTEL_TRACES_EXPORTER=file."));

  public static final ConfigKey<List<String>> INSTRUMENTATIONS_DISABLED =
      declare(ConfigKey.stringList("parley.instrumentations.disabled", "",
          "Instrumentations not to install, by the names the start-up line lists (servlet-5.0,"
              + " okhttp-3.0, spring-webclient, ...): turns off the agent's hooks into one library"
              + " and leaves the rest working."));

  public static final ConfigKey<String> LOG_LEVEL =
      declare(ConfigKey.oneOf("parley.log.level", "info",
          "Lowest level of the agent's own log lines on stderr.",
          "debug", "info", "warn", "error", "off"));

  /** Every key, in README order: the order of the declarations above. */
  public static final List<ConfigKey<?>> ALL =
      Collections.unmodifiableList(new ArrayList<ConfigKey<?>>(DECLARED));

  /**
   * Top-level sections of the config file kept as raw YAML for the features that read them
   * (see {@link ParleyConfig#fileSection}); they are not keys and are never reported unknown.
   */
  public static final List<String> SECTIONS = Collections.unmodifiableList(Arrays.asList("prices"));

  private ParleyKeys() {}

  private static <T> ConfigKey<T> declare(ConfigKey<T> key) {
    for (ConfigKey<?> existing : DECLARED) {
      if (existing.name().equals(key.name())) {
        throw new IllegalStateException("configuration key declared twice: " + key.name());
      }
    }
    DECLARED.add(key);
    return key;
  }
}
