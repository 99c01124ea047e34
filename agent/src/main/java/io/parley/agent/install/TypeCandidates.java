package io.parley.agent.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Tells, from a class's name and the names of its super types alone, which of the
 * instrumentations' candidate types the class is, extends or implements: a bit per candidate
 * type, so a class with no bit set is one no instrumentation can match.
 *
 * <p>Byte Buddy would otherwise parse every class the application loads and walk its hierarchy
 * by reading each super type's class file again, class after class: most of what an agent costs
 * at start-up. Here only a class file's header is read, and what each type name turned out to be
 * is remembered per class loader, so a super type's class file is read at most once. Super types
 * are never loaded from here: a class loaded during another's transformation is offered to no
 * agent's transformer. Whenever the answer is unsure (a malformed class file, a super type whose
 * class file cannot be found) the class is offered to Byte Buddy, which decides as before.
 *
 * <p>When the {@link AdvisedMethodNames} are known, only a class that declares a method of one of
 * those names (or is a candidate type itself) has the class files of its unknown super types read:
 * any other class cannot change, and is judged from what is already known, if anything.
 */
final class TypeCandidates {

  /** Type names remembered per class loader at most; beyond, they are looked up each time. */
  static final int MAX_REMEMBERED_PER_LOADER = 100_000;

  private static final int MAX_DEPTH = 100;
  private static final Long NONE = 0L;

  private final Map<String, Long> bitByName = new HashMap<>();
  private final AdvisedMethodNames advisedNames; // null: every class may declare one
  private final Map<String, Long> jdkTypes = new ConcurrentHashMap<>();
  private final Map<ClassLoader, Map<String, Long>> byLoader =
      Collections.synchronizedMap(new WeakHashMap<ClassLoader, Map<String, Long>>());
  private final ClassValue<Long> loaded =
      new ClassValue<Long>() {
        @Override
        protected Long computeValue(Class<?> type) {
          long mask = own(type.getName().replace('.', '/'));
          Class<?> superclass = type.getSuperclass();
          if (superclass != null) {
            mask |= get(superclass);
          }
          for (Class<?> implemented : type.getInterfaces()) {
            mask |= get(implemented);
          }
          return mask;
        }
      };

  /** @param names binary names, such as {@code jakarta.servlet.Filter}; at most 63 */
  TypeCandidates(Collection<String> names) {
    this(names, null);
  }

  /**
   * @param names binary names, such as {@code jakarta.servlet.Filter}; at most 63
   * @param advisedMethodNames every method name any advice applies to outside the candidate types
   *     themselves, or null if not known: a class that declares no method of these names is no
   *     candidate, and its super types are not looked up
   */
  TypeCandidates(Collection<String> names, Collection<String> advisedMethodNames) {
    this.advisedNames =
        advisedMethodNames == null ? null : new AdvisedMethodNames(advisedMethodNames);
    for (String name : names) {
      if (!bitByName.containsKey(name.replace('.', '/'))) {
        if (bitByName.size() == 63) {
          throw new IllegalArgumentException("more than 63 candidate types");
        }
        bitByName.put(name.replace('.', '/'), 1L << bitByName.size());
      }
    }
  }

  /** The bits of these candidate types. */
  long bitsOf(Collection<String> names) {
    long bits = 0;
    for (String name : names) {
      bits |= own(name.replace('.', '/'));
    }
    return bits;
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
    return loaded.get(type) != 0;
  }

  /**
   * Whether a class about to be defined may be, extend or implement a candidate type; what it
   * is, is then {@linkplain #knownMask known}.
   *
   * @param internalName the class's name as the JVM gives it to transformers, with slashes
   */
  boolean mayBeCandidate(ClassLoader loader, String internalName, byte[] classFile) {
    if (internalName == null || classFile == null) {
      return true;
    }
    ClassReader header;
    try {
      header = new ClassReader(classFile);
    } catch (RuntimeException malformed) {
      return true;
    }
    // Only a class that declares an advised method can change, and then its super types decide.
    // Other classes are judged from what is already known of their super types, never read.
    boolean mayDeclareAdvised;
    try {
      mayDeclareAdvised =
          advisedNames == null
              || own(internalName) != 0
              || advisedNames.declaredBy(header, classFile);
    } catch (RuntimeException malformed) {
      return true;
    }
    Long mask = judge(loader, internalName, header, 0, mayDeclareAdvised);
    if (mask == null) {
      return mayDeclareAdvised;
    }
    remember(loader, internalName, mask);
    return mask != 0 && mayDeclareAdvised;
  }

  /**
   * The candidate types a class is, extends or implements, as bits; null when not known (Byte
   * Buddy must then look at the class's hierarchy itself).
   *
   * @param binaryName the class's name, with dots
   * @param loadedType the class when it is being retransformed, else null
   */
  Long knownMask(ClassLoader loader, String binaryName, Class<?> loadedType) {
    if (loadedType != null) {
      return loaded.get(loadedType);
    }
    String internalName = binaryName.replace('.', '/');
    return memo(loader, internalName).get(internalName);
  }

  private long own(String internalName) {
    Long bit = bitByName.get(internalName);
    return bit == null ? 0 : bit;
  }

  /**
   * The class's mask, or null when unsure.
   *
   * @param readSuperTypes whether to read the class files of super types not known yet; if not,
   *     such a super type makes the answer unsure
   */
  private Long judge(
      ClassLoader loader, String internalName, ClassReader header, int depth,
      boolean readSuperTypes) {
    if (internalName.startsWith("io/parley/shaded/")
        || internalName.startsWith("io/parley/bootstrap/")) {
      return NONE; // the agent's dependencies and bridge, which it never instruments
    }
    String superName;
    String[] interfaces;
    try {
      superName = header.getSuperName();
      interfaces = header.getInterfaces();
    } catch (RuntimeException malformed) {
      return null;
    }
    long mask = own(internalName);
    boolean sure = true;
    for (int i = -1; i < interfaces.length; i++) {
      String name = i < 0 ? superName : interfaces[i];
      if (name == null) {
        continue;
      }
      Long superMask = superType(loader, name, depth, readSuperTypes);
      if (superMask == null) {
        sure = false;
      } else {
        mask |= superMask;
      }
    }
    return sure ? Long.valueOf(mask) : null;
  }

  private Long superType(ClassLoader loader, String internalName, int depth, boolean read) {
    if ("java/lang/Object".equals(internalName)) {
      return NONE;
    }
    Map<String, Long> memo = memo(loader, internalName);
    Long known = memo.get(internalName);
    if (known != null) {
      return known;
    }
    if (!read || depth >= MAX_DEPTH) {
      return null;
    }
    byte[] classFile = read(isJdk(internalName) ? null : loader, internalName);
    if (classFile == null) {
      return null;
    }
    ClassReader header;
    try {
      header = new ClassReader(classFile);
    } catch (RuntimeException malformed) {
      return null;
    }
    Long mask = judge(loader, internalName, header, depth + 1, true);
    if (mask != null) {
      remember(loader, internalName, mask);
    }
    return mask;
  }

  private void remember(ClassLoader loader, String internalName, Long mask) {
    Map<String, Long> memo = memo(loader, internalName);
    if (memo.size() < MAX_REMEMBERED_PER_LOADER) {
      memo.put(internalName, mask);
    }
  }

  /** JDK types are the same for every class loader; others are remembered per loader. */
  private Map<String, Long> memo(ClassLoader loader, String internalName) {
    if (loader == null || isJdk(internalName)) {
      return jdkTypes;
    }
    synchronized (byLoader) {
      Map<String, Long> memo = byLoader.get(loader);
      if (memo == null) {
        memo = new ConcurrentHashMap<>();
        byLoader.put(loader, memo);
      }
      return memo;
    }
  }

  /** Packages only the JDK defines; their class files are read from the JDK directly. */
  private static boolean isJdk(String internalName) {
    return internalName.startsWith("java/")
        || internalName.startsWith("jdk/")
        || internalName.startsWith("sun/");
  }

  private static byte[] read(ClassLoader loader, String internalName) {
    String resource = internalName + ".class";
    try (InputStream in =
        loader == null
            ? ClassLoader.getSystemResourceAsStream(resource)
            : loader.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
      byte[] buffer = new byte[4096];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
