package io.parley.agent.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/** The attribute keys Parley writes, declared once. */
public final class SemanticKeys {

  public static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("session.id");
  public static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");
  public static final AttributeKey<String> CONVERSATION_ID =
      AttributeKey.stringKey("gen_ai.conversation.id");

  public static final AttributeKey<String> HTTP_REQUEST_METHOD =
      AttributeKey.stringKey("http.request.method");
  public static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  public static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  public static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE =
      AttributeKey.longKey("http.response.status_code");
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private SemanticKeys() {}
}
