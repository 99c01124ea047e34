package io.parley.agent.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BaggageHeaderTest {

  private static final String HASH = "0123456789abcdef";

  @Test
  void withoutExistingBaggageOnlyOurEntries() {
    assertEquals(
        "session.id=s-1,user.id=" + HASH + ";parley.hashed",
        BaggageHeader.merge(null, "session.id", "s-1", "user.id", HASH));
  }

  @Test
  void nothingToAddLeavesTheHeaderAlone() {
    assertNull(BaggageHeader.merge("a=b", "session.id", null, "user.id", null));
    assertNull(BaggageHeader.merge("a=b", null, "s-1", null, HASH));
  }

  @Test
  void onlyTheKeysWeWriteAreReplaced() {
    assertEquals(
        "a=1,user.id=carol,session.id=s-1",
        BaggageHeader.merge("a=1, session.id=x;p ,user.id=carol", "session.id", "s-1", "user.id", null));
  }

  @Test
  void membersAreKeptAsWrittenEvenWhenAParserWouldDropThem() {
    assertEquals(
        "not a member,k=v%2C;meta=1,session.id=s-1",
        BaggageHeader.merge(" , not a member ,k=v%2C;meta=1,", "session.id", "s-1", null, null));
  }

  @Test
  void aUserThatIsNoHashIsNotMarked() {
    assertEquals("user.id=bob", BaggageHeader.merge(null, null, null, "user.id", "bob"));
  }

  @Test
  void encodingLeavesPlainValuesAndEscapesTheRest() {
    assertEquals("parley-0a1b_c.d~e", BaggageHeader.encode("parley-0a1b_c.d~e"));
    assertEquals("a%2Cb%3Bc%22d%5Ce%25f%2Bg%20h", BaggageHeader.encode("a,b;c\"d\\e%f+g h"));
    assertEquals("caf%C3%A9", BaggageHeader.encode("caf\u00e9"));
  }
}
