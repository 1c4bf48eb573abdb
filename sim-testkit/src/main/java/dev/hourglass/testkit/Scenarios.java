package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The scenario registry: every {@link Scenario} on the class path, found through {@link
 * ServiceLoader}. A module adds its scenarios by listing their class names, one a line, in
 * {@code META-INF/services/dev.hourglass.testkit.Scenario}; each needs a public no-argument
 * constructor. The CLI's {@code list}, {@code run} and {@code fuzz} read this registry, so what
 * they show cannot drift from the code.
 */
public final class Scenarios {
  /** Where a module registers its scenarios. */
  public static final String SERVICE_FILE = "META-INF/services/" + Scenario.class.getName();

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
        Scenario previous = byName.putIfAbsent(s.name(), s);
        if (previous != null && previous.getClass() != s.getClass()) {
          throw new IllegalStateException("two scenarios are named '" + s.name() + "': " + previous.getClass().getName()
              + " and " + s.getClass().getName() + "; rename one");
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
