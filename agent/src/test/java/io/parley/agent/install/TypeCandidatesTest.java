package io.parley.agent.install;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

class TypeCandidatesTest {

  interface Target {}

  interface SubTarget extends Target {}

  static class Direct implements Target {}

  static class Indirect extends Direct {}

  static class ViaInterface implements SubTarget {}

  static class Unrelated implements Runnable {
    @Override
    public void run() {}
  }

  private final TypeCandidates candidates =
      new TypeCandidates(Collections.singleton(Target.class.getName()));
  private final ClassLoader loader = TypeCandidatesTest.class.getClassLoader();

  @Test
  void loadedClassesThatAreExtendOrImplementACandidate() {
    assertTrue(candidates.isCandidate(Target.class));
    assertTrue(candidates.isCandidate(Direct.class));
    assertTrue(candidates.isCandidate(Indirect.class));
    assertTrue(candidates.isCandidate(SubTarget.class));
    assertTrue(candidates.isCandidate(ViaInterface.class));
  }

  @Test
  void loadedClassesUnrelatedToEveryCandidate() {
    assertFalse(candidates.isCandidate(Unrelated.class));
    assertFalse(candidates.isCandidate(String.class));
    assertFalse(candidates.isCandidate(Object.class));
  }

  @Test
  void classFilesJudgedFromTheirHeaderAndLoadedSuperTypes() throws IOException {
    assertTrue(offered(Target.class));
    assertTrue(offered(Indirect.class));
    assertTrue(offered(ViaInterface.class));
    assertFalse(offered(Unrelated.class));
    assertFalse(offered(TypeCandidatesTest.class));
  }

  @Test
  void aSuperTypeItsLoaderCannotLoadLeavesTheDecisionToByteBuddy() {
    byte[] orphan = classFile("test/Orphan", "test/DoesNotExist");
    assertTrue(candidates.mayBeCandidate(loader, "test/Orphan", orphan));
  }

  @Test
  void aClassExtendingOnlyObjectIsNotACandidate() {
    byte[] plain = classFile("test/Plain", "java/lang/Object");
    assertFalse(candidates.mayBeCandidate(loader, "test/Plain", plain));
  }

  @Test
  void malformedOrMissingClassFilesAreOffered() {
    assertTrue(candidates.mayBeCandidate(loader, "test/Broken", new byte[] {1, 2, 3}));
    assertTrue(candidates.mayBeCandidate(loader, "test/Empty", new byte[0]));
    assertTrue(candidates.mayBeCandidate(loader, null, classFile("test/P", "java/lang/Object")));
    assertTrue(candidates.mayBeCandidate(loader, "test/P", null));
  }

  private boolean offered(Class<?> type) throws IOException {
    String internalName = type.getName().replace('.', '/');
    return candidates.mayBeCandidate(loader, internalName, bytesOf(type));
  }

  static byte[] bytesOf(Class<?> type) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  static byte[] classFile(String internalName, String superName) {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, internalName, null, superName, null);
    writer.visitEnd();
    return writer.toByteArray();
  }
}
