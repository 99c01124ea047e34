package io.parley.agent.install;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * The names of the methods the instrumentations' advice applies to, matched against a class
 * file's method table without parsing the class: a class that declares none of them cannot be
 * changed by any advice, whatever its super types.
 */
final class AdvisedMethodNames {

  private static final int CONSTANT_UTF8 = 1;

  private final byte[][] names;

  AdvisedMethodNames(Collection<String> names) {
    this.names = new byte[names.size()][];
    int i = 0;
    for (String name : names) {
      this.names[i++] = name.getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Whether the class file declares a method of one of these names: its fields are skipped and
   * each method's name compared, code and attributes unread.
   *
   * @throws RuntimeException when the class file is malformed
   */
  boolean declaredBy(ClassReader header, byte[] classFile) {
    int at = header.header + 6; // access flags, this class, super class
    at += 2 + 2 * header.readUnsignedShort(at); // interfaces
    at = skipMembers(header, at); // fields
    int methods = header.readUnsignedShort(at);
    at += 2;
    for (int i = 0; i < methods; i++) {
      if (isOneOfTheNames(header, classFile, header.readUnsignedShort(at + 2))) {
        return true;
      }
      at = skipAttributes(header, at + 6);
    }
    return false;
  }

  /** Skips a {@code fields} table (count, then each member); returns the offset after it. */
  private static int skipMembers(ClassReader header, int at) {
    int count = header.readUnsignedShort(at);
    at += 2;
    for (int i = 0; i < count; i++) {
      at = skipAttributes(header, at + 6); // access flags, name, descriptor
    }
    return at;
  }

  private static int skipAttributes(ClassReader header, int at) {
    int count = header.readUnsignedShort(at);
    at += 2;
    for (int i = 0; i < count; i++) {
      at += 6 + header.readInt(at + 2); // name, length, info
    }
    return at;
  }

  /** Whether constant pool entry {@code index} is the UTF-8 form of one of the names. */
  private boolean isOneOfTheNames(ClassReader header, byte[] classFile, int index) {
    int offset = header.getItem(index); // just past the entry's tag
    if (offset <= 0 || classFile[offset - 1] != CONSTANT_UTF8) {
      return false;
    }
    int length = header.readUnsignedShort(offset);
    for (byte[] name : names) {
      if (name.length == length && sameBytes(classFile, offset + 2, name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameBytes(byte[] classFile, int offset, byte[] name) {
    if (offset + name.length > classFile.length) {
      return false;
    }
    for (int i = 0; i < name.length; i++) {
      if (classFile[offset + i] != name[i]) {
        return false;
      }
    }
    return true;
  }
}
