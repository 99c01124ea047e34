package io.parley.agent.session;

import static io.parley.agent.session.FakeRequest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.agent.log.ParleyLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationAndTurnTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> lines = new ArrayList<>();
  private final IdentityResolver resolver =
      new IdentityResolver(
          IdentitySettings.defaults(), new ParleyLog(lines::add, clock::nanos), clock::millis);

  private Long turn(String header) {
    return resolver.resolve(request().withHeader("X-Turn-Number", header)).turnOverride();
  }

  @Test
  void conversationFromHeader() {
    RequestIdentity id =
        resolver.resolve(
            request().withHeader("X-Session-Id", "s1").withHeader("X-Conversation-Id", "c1"));
    assertEquals("c1", id.conversationId());
    assertEquals("s1", id.sessionId());
  }

  @Test
  void conversationDefaultsToTheSessionId() {
    assertEquals(
        "s1", resolver.resolve(request().withHeader("X-Session-Id", "s1")).conversationId());
  }

  @Test
  void conversationDefaultsToADerivedSessionId() {
    RequestIdentity id = resolver.resolve(request().withHeader("X-User-Id", "alice"));
    assertEquals(id.sessionId(), id.conversationId());
  }

  @Test
  void conversationWithoutSessionComesFromTheHeader() {
    assertEquals(
        "c1", resolver.resolve(request().withHeader("X-Conversation-Id", "c1")).conversationId());
  }

  @Test
  void invalidConversationHeaderFallsBackToTheSessionId() {
    RequestIdentity id =
        resolver.resolve(
            request().withHeader("X-Session-Id", "s1").withHeader("X-Conversation-Id", "c 1"));
    assertEquals("s1", id.conversationId());
    assertEquals(1, resolver.rejections().count(IdSourceKind.CONVERSATION_HEADER));
  }

  @Test
  void validTurnHeaderOverrides() {
    assertEquals(Long.valueOf(3), turn("3"));
  }

  @Test
  void turnOneAndOneMillionAreValid() {
    assertEquals(Long.valueOf(1), turn("1"));
    assertEquals(Long.valueOf(1_000_000), turn("1000000"));
  }

  @Test
  void noTurnHeaderMeansNoOverrideAndNoRejection() {
    assertNull(resolver.resolve(request()).turnOverride());
    assertEquals(0, resolver.rejectedCount());
  }

  @Test
  void turnZeroIsRejected() {
    assertNull(turn("0"));
    assertEquals(1, resolver.rejections().count(IdSourceKind.TURN_HEADER));
  }

  @Test
  void turnAboveOneMillionIsRejected() {
    assertNull(turn("1000001"));
    assertNull(turn("99999999999999999999999"));
    assertEquals(2, resolver.rejections().count(IdSourceKind.TURN_HEADER));
  }

  @Test
  void nonNumericTurnsAreRejected() {
    assertNull(turn("-1"));
    assertNull(turn("+1"));
    assertNull(turn("abc"));
    assertNull(turn("3.0"));
    assertNull(turn(" 3"));
    assertNull(turn(""));
    assertEquals(6, resolver.rejections().count(IdSourceKind.TURN_HEADER));
  }
}
