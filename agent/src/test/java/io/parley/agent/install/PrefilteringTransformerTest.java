package io.parley.agent.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.install.TypeCandidatesTest.Indirect;
import io.parley.agent.install.TypeCandidatesTest.Target;
import io.parley.agent.install.TypeCandidatesTest.Unrelated;
import io.parley.agent.log.ParleyLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrefilteringTransformerTest {

  private static final byte[] TRANSFORMED = {42};

  /** Stands for Byte Buddy's transformer: records what it was offered. */
  static final class RecordingTransformer implements ClassFileTransformer {
    final List<String> offered = Collections.synchronizedList(new ArrayList<String>());

    @Override
    public byte[] transform(
        ClassLoader loader,
        String name,
        Class<?> redefined,
        ProtectionDomain domain,
        byte[] classFile) {
      offered.add(name);
      return TRANSFORMED;
    }
  }

  private final RecordingTransformer byteBuddy = new RecordingTransformer();
  private final List<String> logLines = new ArrayList<>();
  private final PrefilteringTransformer filter =
      new PrefilteringTransformer(
          new TypeCandidates(Collections.singleton(Target.class.getName())),
          new ParleyLog(logLines::add, System::nanoTime));
  private final ClassFileTransformer transformer = filter.transformer();
  private final ClassLoader loader = PrefilteringTransformerTest.class.getClassLoader();

  @Test
  void unrelatedClassesNeverReachByteBuddy() throws Exception {
    filter.ready(byteBuddy);
    assertNull(transform(Unrelated.class));
    assertNull(transformer.transform(loader, name(Unrelated.class), Unrelated.class, null, null));
    assertEquals(Collections.emptyList(), byteBuddy.offered);
  }

  @Test
  void unrelatedClassesPassWithoutWaitingForByteBuddy() throws Exception {
    // not ready: a candidate would wait, an unrelated class must not
    assertNull(transform(Unrelated.class));
  }

  @Test
  void candidatesReachByteBuddyAndItsResultIsReturned() throws Exception {
    filter.ready(byteBuddy);
    assertArrayEquals(TRANSFORMED, transform(Indirect.class));
    assertArrayEquals(
        TRANSFORMED, transformer.transform(loader, name(Indirect.class), Indirect.class, null, null));
    assertEquals(2, byteBuddy.offered.size());
  }

  @Test
  void aCandidateArrivingEarlyWaitsForByteBuddy() throws Exception {
    CompletableFuture<byte[]> early =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return transform(Indirect.class);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(200);
    assertTrue(!early.isDone(), "the candidate waits while Byte Buddy is not ready");
    filter.ready(byteBuddy);
    assertArrayEquals(TRANSFORMED, early.get(5, TimeUnit.SECONDS));
  }

  @Test
  void candidatesGoOnUnchangedWhenByteBuddyCannotStart() throws Exception {
    filter.abandon();
    assertNull(transform(Indirect.class));
  }

  @Test
  void theBuildingThreadNeverWaitsForItself() throws Exception {
    filter.building();
    assertNull(transform(Indirect.class));
  }

  /** The variant the JVM calls on Java 9+, with the class's module, is filtered the same way. */
  @Test
  void theModuleVariantIsFilteredAndHandedOn() throws Exception {
    filter.ready(byteBuddy);
    Class<?> moduleType = Class.forName("java.lang.Module");
    Method transform =
        ClassFileTransformer.class.getMethod(
            "transform",
            moduleType,
            ClassLoader.class,
            String.class,
            Class.class,
            ProtectionDomain.class,
            byte[].class);
    Object module = Class.class.getMethod("getModule").invoke(Unrelated.class);
    assertNull(
        transform.invoke(
            transformer,
            module,
            loader,
            name(Unrelated.class),
            null,
            null,
            TypeCandidatesTest.bytesOf(Unrelated.class)));
    assertArrayEquals(
        TRANSFORMED,
        (byte[])
            transform.invoke(
                transformer,
                module,
                loader,
                name(Indirect.class),
                null,
                null,
                TypeCandidatesTest.bytesOf(Indirect.class)));
    assertEquals(Collections.singletonList(name(Indirect.class)), byteBuddy.offered);
  }

  @Test
  void identityOfTheProxy() {
    assertEquals(transformer, transformer);
    assertNotEquals(transformer, new PrefilteringTransformer(
        new TypeCandidates(Collections.<String>emptySet()), ParleyLog.get()).transformer());
    assertEquals(System.identityHashCode(transformer), transformer.hashCode());
  }

  private byte[] transform(Class<?> type) throws Exception {
    return transformer.transform(loader, name(type), null, null, TypeCandidatesTest.bytesOf(type));
  }

  private static String name(Class<?> type) {
    return type.getName().replace('.', '/');
  }
}
