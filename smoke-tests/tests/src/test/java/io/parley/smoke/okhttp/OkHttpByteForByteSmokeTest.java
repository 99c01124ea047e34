package io.parley.smoke.okhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.smoke.http.SmokeHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §5, §7: the application's raw OkHttp reads of LLM responses yield exactly the bytes they
 * yield without the agent, whatever the framing (Content-Length, chunked, server-sent events) and
 * encoding (none, gzip that OkHttp decodes, gzip the application asked for and reads encoded), and
 * the agent still records each call from those same bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LlmOkHttpApps.Resolver.class)
@Timeout(120)
class OkHttpByteForByteSmokeTest {

  private LlmOkHttpApps apps;

  @BeforeAll
  void apps(LlmOkHttpApps apps) {
    this.apps = apps;
  }

  @ParameterizedTest(name = "{0} {1}, application asks for gzip: {2}")
  @CsvSource({
    "length,  identity, false",
    "chunked, identity, false",
    "sse,     identity, false",
    "length,  gzip,     false",
    "chunked, gzip,     false",
    "sse,     gzip,     false",
    "length,  gzip,     true",
    "sse,     gzip,     true",
  })
  void sameBytesWithAndWithoutTheAgent(String framing, String encoding, boolean appAsksGzip) {
    boolean stream = framing.equals("sse");
    String path =
        "/raw/fetch?stream=" + stream + "&gzip=" + appAsksGzip + "&url="
            + URLEncoder.encode(apps.exact.url(framing, encoding), StandardCharsets.UTF_8);

    LlmOkHttpApps.Call call = apps.callWithAgent(path);
    byte[] sentToInstrumented = apps.exact.lastSent();
    SmokeHttp.Response withoutAgent = apps.callWithoutAgent(path);
    byte[] sentToPlain = apps.exact.lastSent();

    byte[] decoded = stream ? ExactBytesServer.streamBytes() : ExactBytesServer.JSON;
    byte[] expectedWithAgent = appAsksGzip ? sentToInstrumented : decoded;
    byte[] expectedWithout = appAsksGzip ? sentToPlain : decoded;
    assertNull(call.response().header("x-upstream-error"), "read failed with the agent");
    assertNull(withoutAgent.header("x-upstream-error"), "read failed without the agent");
    assertArrayEquals(expectedWithout, bytes(withoutAgent), "without the agent");
    assertArrayEquals(expectedWithAgent, bytes(call.response()), "with the agent");
    assertEquals(withoutAgent.header("x-upstream-content-encoding"), call.response().header("x-upstream-content-encoding"));

    new ExpectedLlmSpan(
            "chat",
            "openai",
            "gpt-4o-mini",
            ExactBytesServer.MODEL,
            ExactBytesServer.INPUT_TOKENS,
            ExactBytesServer.OUTPUT_TOKENS,
            stream,
            apps.exact.port())
        .assertMatches(call, apps.prices);
  }

  @AfterAll
  void noApiKeyExported() {
    apps.assertNoApiKeyExported();
  }

  private static byte[] bytes(SmokeHttp.Response response) {
    return Base64.getDecoder().decode(response.body());
  }
}
