package dev.hourglass.testkit.internal;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one scenario plugin jar: Hourglass's own API, the JDK and the libraries
 * that API exposes come from the CLI (parent first), so the plugin's scenario is the CLI's {@code
 * Scenario}; everything else — the system under test and its dependencies — comes from the plugin
 * jar first (child first). That is what lets two versions of one library (kafka-raft 2.7 and 4.x)
 * run from one CLI, each scenario seeing only its own.
 */
public final class PluginClassLoader extends URLClassLoader {
  /** Packages always taken from the parent: the JDK, Hourglass, and what Hourglass's API exposes. */
  private static final List<String> PARENT_FIRST = List.of(
      "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.", "org.xml.",
      "dev.hourglass.", "org.slf4j.", "com.google.common.", "com.fasterxml.jackson.", "it.unimi.dsi.fastutil.",
      "picocli.", "org.junit.", "org.opentest4j.", "org.apiguardian.");

  static {
    ClassLoader.registerAsParallelCapable();
  }

  public PluginClassLoader(URL jar, ClassLoader parent) {
    super("hourglass-plugin:" + jar, new URL[] {jar}, parent);
  }

  static boolean parentFirst(String name) {
    for (String prefix : PARENT_FIRST) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        if (parentFirst(name)) {
          try {
            c = getParent().loadClass(name);
          } catch (ClassNotFoundException e) {
            c = findClass(name); // a plugin's own dev.hourglass.* classes
          }
        } else {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = getParent().loadClass(name);
          }
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  /** Resources follow classes: a library's own files (version properties, ...) from the plugin first. */
  @Override
  public URL getResource(String name) {
    URL url = findResource(name);
    return url != null ? url : getParent().getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
    urls.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(urls);
  }
}
