package io.parley.agent.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

class TypeCandidatesTest {

  interface Target {}

  interface SubTarget extends Target {}

  static class Direct implements Target {
    public void handle() {}
  }

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
  void loadedClassesThatAreOrExtendOrImplementACandidate() {
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
  void classFilesJudgedFromTheirHeaderAndTheirSuperTypes() throws IOException {
    assertTrue(offered(Target.class));
    assertTrue(offered(Indirect.class));
    assertTrue(offered(ViaInterface.class));
    assertFalse(offered(Unrelated.class));
    assertFalse(offered(TypeCandidatesTest.class));
  }

  /** Serves generated class files as resources and records what is asked of it. */
  static final class ClassFileLoader extends ClassLoader {
    final Map<String, byte[]> files = new HashMap<>();
    final List<String> reads = new ArrayList<>();
    final List<String> loads = new ArrayList<>();

    ClassFileLoader() {
      super(TypeCandidatesTest.class.getClassLoader());
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      reads.add(name);
      byte[] bytes = files.get(name);
      return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      loads.add(name);
      return super.loadClass(name, resolve);
    }
  }

  /**
   * The JVM transforms a class before loading its super types, and a class loaded during a
   * transformation is transformed by no agent: super types are judged from their class files.
   */
  @Test
  void superTypesNotLoadedYetAreJudgedFromTheirClassFilesWithoutLoadingThem() {
    ClassFileLoader files = new ClassFileLoader();
    files.files.put("test/Mid.class", classFile("test/Mid", "java/lang/Object", name(Target.class)));
    files.files.put("test/Other.class", classFile("test/Other", "java/lang/Object"));
    assertTrue(
        candidates.mayBeCandidate(files, "test/Sub", classFile("test/Sub", "test/Mid")));
    assertTrue(
        candidates.mayBeCandidate(files, "test/Sub2", classFile("test/Sub2", "test/Mid")));
    assertFalse(
        candidates.mayBeCandidate(files, "test/Plain", classFile("test/Plain", "test/Other")));
    assertEquals(Collections.emptyList(), files.loads);
    // each super type's class file is read once, then remembered for that loader (a candidate
    // type's too: it may extend another candidate type)
    assertEquals(
        Arrays.asList("test/Mid.class", name(Target.class) + ".class", "test/Other.class"),
        files.reads);
  }

  @Test
  void aSuperTypeWhoseClassFileIsMissingLeavesTheDecisionToByteBuddy() {
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

  /** Candidates when only classes declaring {@code handle} can change. */
  private final TypeCandidates handleOnly =
      new TypeCandidates(
          Collections.singleton(Target.class.getName()), Collections.singleton("handle"));

  @Test
  void aClassThatCannotDeclareAnAdvisedMethodIsNotOfferedAndItsSuperTypesAreNotRead() {
    ClassFileLoader files = new ClassFileLoader();
    files.files.put("test/Mid.class", classFile("test/Mid", "java/lang/Object", name(Target.class)));
    assertFalse(
        handleOnly.mayBeCandidate(
            files, "test/Runner", classFile("test/Runner", "test/Mid", new String[0], "run")));
    assertEquals(Collections.emptyList(), files.reads);
  }

  @Test
  void aClassDeclaringAnAdvisedMethodIsJudgedByItsSuperTypes() {
    ClassFileLoader files = new ClassFileLoader();
    files.files.put("test/Mid.class", classFile("test/Mid", "java/lang/Object", name(Target.class)));
    files.files.put("test/Other.class", classFile("test/Other", "java/lang/Object"));
    assertTrue(
        handleOnly.mayBeCandidate(
            files, "test/Handler", classFile("test/Handler", "test/Mid", new String[0], "handle")));
    assertFalse(
        handleOnly.mayBeCandidate(
            files, "test/Plain", classFile("test/Plain", "test/Other", new String[0], "handle")));
    assertEquals(
        Arrays.asList("test/Mid.class", name(Target.class) + ".class", "test/Other.class"),
        files.reads);
  }

  @Test
  void aCandidateTypeItselfIsJudgedWhateverItDeclares() {
    ClassFileLoader files = new ClassFileLoader();
    assertTrue(
        handleOnly.mayBeCandidate(
            files, name(Target.class), classFile(name(Target.class), "java/lang/Object")));
  }

  /** What is known of a class that cannot change still serves its subclasses, unread. */
  @Test
  void aClassWithKnownSuperTypesIsRememberedEvenWhenItCannotChange() {
    ClassFileLoader files = new ClassFileLoader();
    assertTrue(
        handleOnly.mayBeCandidate(
            files, name(Target.class), classFile(name(Target.class), "java/lang/Object")));
    assertFalse(
        handleOnly.mayBeCandidate(
            files, "test/Base", classFile("test/Base", "java/lang/Object", name(Target.class))));
    assertTrue(
        handleOnly.mayBeCandidate(
            files, "test/Leaf", classFile("test/Leaf", "test/Base", new String[0], "handle")));
    assertEquals(Collections.emptyList(), files.reads);
  }

  /** Calling a method of an advised name (its name is in the constant pool) is not declaring it. */
  @Test
  void aClassThatOnlyCallsAnAdvisedMethodIsNotOffered() {
    ClassFileLoader files = new ClassFileLoader();
    files.files.put("test/Mid.class", classFile("test/Mid", "java/lang/Object", name(Target.class)));
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, "test/Caller", null, "test/Mid", null);
    writer.visitField(Opcodes.ACC_PRIVATE, "handled", "I", null, null).visitEnd();
    writer.newMethod("test/Elsewhere", "handle", "()V", false);
    writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "run", "()V", null, null)
        .visitEnd();
    writer.visitEnd();
    assertFalse(handleOnly.mayBeCandidate(files, "test/Caller", writer.toByteArray()));
    assertEquals(Collections.emptyList(), files.reads);
  }

  @Test
  void theAdvisedMethodIsFoundAfterFieldsAndOtherMethodsWithAttributes() throws IOException {
    ClassFileLoader files = new ClassFileLoader();
    // a real compiled class: fields, constructors and methods with code, line numbers, signatures
    assertTrue(
        handleOnly.mayBeCandidate(files, name(Direct.class), bytesOf(Direct.class)));
    assertFalse(
        handleOnly.mayBeCandidate(files, name(Unrelated.class), bytesOf(Unrelated.class)));
  }

  private static String name(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  static byte[] classFile(String internalName, String superName, String... interfaces) {
    return classFile(internalName, superName, interfaces, new String[0]);
  }

  /** A class file declaring abstract methods with these names. */
  static byte[] classFile(
      String internalName, String superName, String[] interfaces, String... methods) {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(
        Opcodes.V1_8,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT,
        internalName,
        null,
        superName,
        interfaces);
    for (String method : methods) {
      writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, method, "()V", null, null)
          .visitEnd();
    }
    writer.visitEnd();
    return writer.toByteArray();
  }
}
