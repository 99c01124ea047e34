package io.parley.agent.install;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Tells, from a class's name and the names of its direct super types alone, whether any
 * instrumentation could match it: whether the class or one of its super types is one of the
 * instrumentations' candidate types.
 *
 * <p>Byte Buddy would otherwise parse every class the application loads and walk its hierarchy
 * by reading each super type's class file again, class after class: most of what an agent costs
 * at start-up. Here a new class's header is read without parsing the rest, and each super type
 * is asked of its class loader, which the JVM does next anyway to define the class; what a loaded
 * class extends is computed once and kept with the class itself ({@link ClassValue}), so it goes
 * when the class is unloaded. Whenever the answer is unsure (a malformed class file, a super type
 * its loader cannot load yet) the class is offered to Byte Buddy as before.
 */
final class TypeCandidates {

  private final Set<String> names;
  private final ClassValue<Boolean> related =
      new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          if (names.contains(type.getName())) {
            return Boolean.TRUE;
          }
          Class<?> superclass = type.getSuperclass();
          if (superclass != null && get(superclass)) {
            return Boolean.TRUE;
          }
          for (Class<?> implemented : type.getInterfaces()) {
            if (get(implemented)) {
              return Boolean.TRUE;
            }
          }
          return Boolean.FALSE;
        }
      };

  /** @param names binary names, such as {@code jakarta.servlet.Filter} */
  TypeCandidates(Collection<String> names) {
    this.names = new HashSet<String>(names);
  }

  /**
   * Loads the classes this needs, so that none of them is first loaded in the middle of another
   * class's transformation.
   */
  void preload() {
    isCandidate(TypeCandidates.class);
    mayBeCandidate(null, "java/lang/Object", new byte[0]);
  }

  /** Whether a class already loaded is, extends or implements a candidate type. */
  boolean isCandidate(Class<?> type) {
    return related.get(type);
  }

  /**
   * Whether a class about to be defined may be, extend or implement a candidate type.
   *
   * @param internalName the class's name as the JVM gives it to transformers, with slashes
   */
  boolean mayBeCandidate(ClassLoader loader, String internalName, byte[] classFile) {
    if (internalName == null || classFile == null) {
      return true;
    }
    if (names.contains(internalName.replace('/', '.'))) {
      return true;
    }
    String superName;
    String[] interfaces;
    try {
      ClassReader header = new ClassReader(classFile);
      superName = header.getSuperName();
      interfaces = header.getInterfaces();
    } catch (RuntimeException malformed) {
      return true;
    }
    if (superName != null && superTypeMayBeCandidate(loader, superName)) {
      return true;
    }
    for (String implemented : interfaces) {
      if (superTypeMayBeCandidate(loader, implemented)) {
        return true;
      }
    }
    return false;
  }

  private boolean superTypeMayBeCandidate(ClassLoader loader, String internalName) {
    if ("java/lang/Object".equals(internalName)) {
      return false;
    }
    try {
      return isCandidate(Class.forName(internalName.replace('/', '.'), false, loader));
    } catch (Throwable notLoadableNow) {
      // ClassNotFoundException, LinkageError: Byte Buddy reads the class files instead
      return true;
    }
  }
}
