package org.example.shared;

/**
 * A "library" class on the test class path, for {@code dev.hourglass.testkit.ScenarioPluginTest}:
 * a plugin jar carries its own version of it, and the plugin's scenario must see that one.
 */
public final class Flavour {
  private Flavour() {}

  public static String value() {
    return "classpath";
  }
}
