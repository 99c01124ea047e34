package io.parley.agent.session.lifecycle;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/** The attribute keys of the session summary span (SPEC §3), declared once. */
public final class SessionKeys {

  /** The summary span's name. */
  public static final String SPAN_NAME = "session";

  public static final AttributeKey<Long> DURATION_MS = AttributeKey.longKey("session.duration_ms");
  public static final AttributeKey<Long> REQUEST_COUNT =
      AttributeKey.longKey("session.request_count");
  public static final AttributeKey<Long> TOTAL_TURNS = AttributeKey.longKey("session.total_turns");
  public static final AttributeKey<Long> TOTAL_INPUT_TOKENS =
      AttributeKey.longKey("session.total_input_tokens");
  public static final AttributeKey<Long> TOTAL_OUTPUT_TOKENS =
      AttributeKey.longKey("session.total_output_tokens");
  public static final AttributeKey<Long> TOTAL_TOKENS = AttributeKey.longKey("session.total_tokens");
  public static final AttributeKey<Double> TOTAL_COST_USD =
      AttributeKey.doubleKey("session.total_cost_usd");
  public static final AttributeKey<Long> ERROR_COUNT = AttributeKey.longKey("session.error_count");
  public static final AttributeKey<List<String>> MODELS =
      AttributeKey.stringArrayKey("session.models");
  public static final AttributeKey<String> END_REASON = AttributeKey.stringKey("session.end_reason");
  public static final AttributeKey<String> PREVIOUS_ID = AttributeKey.stringKey("session.previous_id");

  private SessionKeys() {}
}
