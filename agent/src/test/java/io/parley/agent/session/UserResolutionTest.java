package io.parley.agent.session;

import static io.parley.agent.session.FakeRequest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.agent.log.ParleyLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserResolutionTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> lines = new ArrayList<>();
  private final IdentityResolver resolver = resolver(IdentitySettings.defaults());

  private IdentityResolver resolver(IdentitySettings settings) {
    return new IdentityResolver(settings, new ParleyLog(lines::add, clock::nanos), clock::millis);
  }

  private static String hashed(String raw) {
    return new IdHasher(null).hash(raw);
  }

  @Test
  void userFromHeaderIsHashed() {
    assertEquals(
        hashed("alice"), resolver.resolve(request().withHeader("X-User-Id", "alice")).userId());
  }

  @Test
  void userHeaderBeatsBaggage() {
    RequestIdentity id =
        resolver.resolve(
            request().withHeader("X-User-Id", "alice").withBaggage("user.id", "bob"));
    assertEquals(hashed("alice"), id.userId());
  }

  @Test
  void userFromUserIdBaggage() {
    assertEquals(hashed("bob"), resolver.resolve(request().withBaggage("user.id", "bob")).userId());
  }

  @Test
  void userFromLangfuseUserIdBaggage() {
    assertEquals(
        hashed("carol"),
        resolver.resolve(request().withBaggage("langfuse_user_id", "carol")).userId());
  }

  @Test
  void userIdBaggageBeatsLangfuseUserId() {
    RequestIdentity id =
        resolver.resolve(
            request().withBaggage("langfuse_user_id", "carol").withBaggage("user.id", "bob"));
    assertEquals(hashed("bob"), id.userId());
  }

  @Test
  void userBaggageBeatsPrincipal() {
    RequestIdentity id =
        resolver.resolve(request().withBaggage("user.id", "bob").withPrincipal("dave"));
    assertEquals(hashed("bob"), id.userId());
  }

  @Test
  void userFromPrincipal() {
    assertEquals(hashed("dave"), resolver.resolve(request().withPrincipal("dave")).userId());
  }

  @Test
  void principalWithSpacesIsHashedNotRejected() {
    assertEquals(
        hashed("CN=Dave Smith"),
        resolver.resolve(request().withPrincipal("CN=Dave Smith")).userId());
  }

  @Test
  void principalWithSpacesIsRejectedWhenRecordedAsSent() {
    IdentityResolver plain = resolver(IdentitySettings.builder().hashUsers(false).build());
    assertNull(plain.resolve(request().withPrincipal("CN=Dave Smith")).userId());
  }

  @Test
  void principalIgnoredWhenUsePrincipalIsOff() {
    IdentityResolver noPrincipal = resolver(IdentitySettings.builder().usePrincipal(false).build());
    assertNull(noPrincipal.resolve(request().withPrincipal("dave")).userId());
  }

  @Test
  void noUserWhenNothingIsSent() {
    assertNull(resolver.resolve(request()).userId());
  }

  @Test
  void invalidUserHeaderIsRejectedAndBaggageUsed() {
    RequestIdentity id =
        resolver.resolve(
            request().withHeader("X-User-Id", "al ice").withBaggage("user.id", "bob"));
    assertEquals(hashed("bob"), id.userId());
    assertEquals(1, resolver.rejections().count(IdSourceKind.USER_HEADER));
  }

  @Test
  void emptyPrincipalIsRejected() {
    assertNull(resolver.resolve(request().withPrincipal("")).userId());
    assertEquals(1, resolver.rejections().count(IdSourceKind.USER_PRINCIPAL));
  }

  @Test
  void userIsRecordedAsSentWhenHashingIsOff() {
    IdentityResolver plain = resolver(IdentitySettings.builder().hashUsers(false).build());
    assertEquals("alice", plain.resolve(request().withHeader("X-User-Id", "alice")).userId());
  }

  @Test
  void userHashUsesTheKey() {
    IdentityResolver keyed = resolver(IdentitySettings.builder().hashKey("Jefe").build());
    assertEquals(
        new IdHasher("Jefe").hash("alice"),
        keyed.resolve(request().withHeader("X-User-Id", "alice")).userId());
  }

  @Test
  void userIsResolvedAlongsideAnExplicitSession() {
    RequestIdentity id =
        resolver.resolve(request().withHeader("X-Session-Id", "s1").withPrincipal("dave"));
    assertEquals("s1", id.sessionId());
    assertEquals(hashed("dave"), id.userId());
  }
}
