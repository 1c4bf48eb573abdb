package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.testkit.internal.PluginClassLoader;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scenario registry: every {@link Scenario} on the class path, found through {@link
 * ServiceLoader}. A module adds its scenarios by listing their class names, one a line, in
 * {@code META-INF/services/dev.hourglass.testkit.Scenario}; each needs a public no-argument
 * constructor. The CLI's {@code list}, {@code run} and {@code fuzz} read this registry, so what
 * they show cannot drift from the code.
 *
 * <p><b>Plugins.</b> A scenario whose dependencies cannot share the class path with the others (two
 * versions of one library, say kafka-raft 2.7 and 4.x) is packaged as a plugin jar — its classes,
 * its service file and its dependencies — and named in the system property {@value #PLUGINS_PROPERTY}
 * or the environment variable {@value #PLUGINS_ENV} (jar paths separated by the platform's path
 * separator, {@code :} on Linux). Each plugin gets its own {@link PluginClassLoader}: Hourglass and
 * the JDK from the class path, everything else from the plugin first.
 */
public final class Scenarios {
  /** Where a module registers its scenarios. */
  public static final String SERVICE_FILE = "META-INF/services/" + Scenario.class.getName();

  /** The system property naming plugin jars. */
  public static final String PLUGINS_PROPERTY = "hourglass.plugins";
  /** The environment variable naming plugin jars, when the system property is not set. */
  public static final String PLUGINS_ENV = "HOURGLASS_PLUGINS";

  /** One loader per plugin jar for the life of the JVM, so a scenario's classes are loaded once. */
  private static final Map<Path, PluginClassLoader> PLUGIN_LOADERS = new ConcurrentHashMap<>();

  private Scenarios() {}

  /**
   * Every registered scenario, sorted by name.
   *
   * @throws IllegalStateException if a registered class cannot be loaded or made, or two
   *     scenarios share a name
   */
  public static List<Scenario> all() {
    Map<String, Scenario> byName = new LinkedHashMap<>();
    try {
      for (Scenario s : ServiceLoader.load(Scenario.class)) {
        add(byName, s);
      }
      for (Path jar : pluginJars()) {
        PluginClassLoader loader = PLUGIN_LOADERS.computeIfAbsent(jar, Scenarios::loaderFor);
        for (Scenario s : ServiceLoader.load(Scenario.class, loader)) {
          if (s.getClass().getClassLoader() == loader) { // the plugin's own, not the class path's again
            add(byName, s);
          }
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a scenario listed in " + SERVICE_FILE + " cannot be loaded: " + e.getMessage()
          + " (each listed class must implement " + Scenario.class.getName() + " and have a public no-argument constructor)", e);
    }
    List<Scenario> out = new ArrayList<>(byName.values());
    out.sort(Comparator.comparing(Scenario::name));
    return out;
  }

  private static void add(Map<String, Scenario> byName, Scenario s) {
    Scenario previous = byName.putIfAbsent(s.name(), s);
    if (previous != null && previous.getClass() != s.getClass()) {
      throw new IllegalStateException("two scenarios are named '" + s.name() + "': " + describe(previous.getClass())
          + " and " + describe(s.getClass()) + "; rename one");
    }
  }

  private static String describe(Class<?> type) {
    return type.getName() + (type.getClassLoader() instanceof PluginClassLoader p ? " (" + p.getName() + ")" : "");
  }

  /**
   * The plugin jars named by {@value #PLUGINS_PROPERTY}, else {@value #PLUGINS_ENV}.
   *
   * @throws IllegalStateException naming the setting and the path, if a named jar is not a readable file
   */
  static List<Path> pluginJars() {
    String setting = System.getProperty(PLUGINS_PROPERTY);
    String source = "-D" + PLUGINS_PROPERTY;
    if (setting == null) {
      setting = System.getenv(PLUGINS_ENV);
      source = PLUGINS_ENV;
    }
    List<Path> jars = new ArrayList<>();
    if (setting == null || setting.isBlank()) {
      return jars;
    }
    for (String part : setting.split(java.io.File.pathSeparator)) {
      if (part.isBlank()) {
        continue;
      }
      Path jar = Path.of(part.strip()).toAbsolutePath().normalize();
      if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
        throw new IllegalStateException(source + ": plugin jar " + jar + " is not a readable file (expected jar paths "
            + "separated by '" + java.io.File.pathSeparator + "', e.g. sample-systems/kraft-2.7/target/hourglass-plugin.jar)");
      }
      jars.add(jar);
    }
    return jars;
  }

  private static PluginClassLoader loaderFor(Path jar) {
    try {
      return new PluginClassLoader(jar.toUri().toURL(), Scenarios.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException("plugin jar " + jar + " has no URL: " + e.getMessage(), e);
    }
  }

  /** The registered names, sorted. */
  public static List<String> names() {
    return all().stream().map(Scenario::name).toList();
  }

  /**
   * The scenario named {@code name}.
   *
   * @throws IllegalArgumentException naming the known scenarios if there is none by that name
   */
  public static Scenario byName(String name) {
    checkNotNull(name, "name");
    List<Scenario> all = all();
    for (Scenario s : all) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("unknown scenario '" + name + "': no scenarios are registered (a module adds its "
          + "scenarios by listing their classes in " + SERVICE_FILE + ")");
    }
    throw new IllegalArgumentException("unknown scenario '" + name + "' (known scenarios: "
        + String.join(", ", all.stream().map(Scenario::name).toList()) + "; `hourglass list` describes them)");
  }
}
