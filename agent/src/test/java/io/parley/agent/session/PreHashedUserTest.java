package io.parley.agent.session;

import static io.parley.agent.session.FakeRequest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.log.ParleyLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user id an upstream service running the agent hashed and marked is not hashed again. */
class PreHashedUserTest {

  private static final String HASH = "3f9a0c1d2e4b5a69";

  private final FakeClock clock = new FakeClock();
  private final List<String> lines = new ArrayList<>();

  private IdentityResolver resolver(IdentitySettings settings) {
    return new IdentityResolver(settings, new ParleyLog(lines::add, clock::nanos), clock::millis);
  }

  @Test
  void aMarkedHashFromBaggageIsRecordedAsItCame() {
    RequestIdentity id =
        resolver(IdentitySettings.builder().hashKey("other-key").build())
            .resolve(request().withBaggage("user.id", HASH, "parley.hashed"));
    assertEquals(HASH, id.userId());
    assertTrue(id.userHashed());
  }

  @Test
  void aMarkedHashStaysAHashWhenThisServiceRecordsUsersAsSent() {
    RequestIdentity id =
        resolver(IdentitySettings.builder().hashUsers(false).build())
            .resolve(request().withBaggage("user.id", HASH, "other;parley.hashed"));
    assertEquals(HASH, id.userId());
    assertTrue(id.userHashed());
  }

  @Test
  void theMarkOnSomethingThatIsNoHashIsIgnored() {
    RequestIdentity id =
        resolver(IdentitySettings.defaults())
            .resolve(request().withBaggage("user.id", "alice@example.com", "parley.hashed"));
    assertEquals(new IdHasher(null).hash("alice@example.com"), id.userId());
  }

  @Test
  void anUnmarkedHashLookalikeIsHashedLikeAnyId() {
    RequestIdentity id = resolver(IdentitySettings.defaults()).resolve(request().withBaggage("user.id", HASH));
    assertEquals(new IdHasher(null).hash(HASH), id.userId());
  }

  @Test
  void aUserHeaderIsAlwaysHashed() {
    RequestIdentity id =
        resolver(IdentitySettings.defaults())
            .resolve(
                request().withHeader("X-User-Id", HASH).withBaggage("user.id", HASH, "parley.hashed"));
    assertEquals(new IdHasher(null).hash(HASH), id.userId());
  }

  @Test
  void usersRecordedAsSentAreNotHashes() {
    RequestIdentity id =
        resolver(IdentitySettings.builder().hashUsers(false).build())
            .resolve(request().withHeader("X-User-Id", "alice"));
    assertEquals("alice", id.userId());
    assertFalse(id.userHashed());
  }

  @Test
  void theDerivedSessionOfAMarkedHashIsTheOneOfItsUser() {
    IdentityResolver resolver = resolver(IdentitySettings.defaults());
    String fromRaw = resolver.resolve(request().withHeader("X-User-Id", "erin")).sessionId();
    String fromHash =
        resolver
            .resolve(request().withBaggage("user.id", new IdHasher(null).hash("erin"), "parley.hashed"))
            .sessionId();
    assertEquals(fromRaw, fromHash);
  }
}
