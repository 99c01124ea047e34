package io.parley.agent.install;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches the class loaders that can see a module's gate class, so a module only touches the
 * library versions it supports. Answers are cached per loader, weakly.
 */
final class ClassLoaderGate extends ElementMatcher.Junction.AbstractBase<ClassLoader> {

  private final String resourceName;
  private final Map<ClassLoader, Boolean> cache = new WeakHashMap<>();

  private final boolean bootstrapVisible;

  ClassLoaderGate(String gateClass) {
    this.resourceName = gateClass.replace('.', '/') + ".class";
    this.bootstrapVisible = Object.class.getResource("/" + resourceName) != null;
  }

  @Override
  public boolean matches(ClassLoader loader) {
    if (loader == null) {
      // the bootstrap loader: only JDK gate classes (e.g. java.net.HttpURLConnection) are there
      return bootstrapVisible;
    }
    synchronized (cache) {
      Boolean known = cache.get(loader);
      if (known != null) {
        return known;
      }
    }
    boolean visible;
    try {
      visible = loader.getResource(resourceName) != null;
    } catch (Throwable t) {
      visible = false;
    }
    synchronized (cache) {
      cache.put(loader, visible);
    }
    return visible;
  }
}
