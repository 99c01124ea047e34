package io.parley.agent.install;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteBuddyWarmUpTest {

  @Test
  void weavesTheAdviceIntoTheTargetClassFile() throws Exception {
    int original = TypeCandidatesTest.bytesOf(ByteBuddyWarmUp.Target.class).length;
    // the inlined enter and exit advice make the woven class file larger than the original
    assertTrue(ByteBuddyWarmUp.run() > original);
  }
}
