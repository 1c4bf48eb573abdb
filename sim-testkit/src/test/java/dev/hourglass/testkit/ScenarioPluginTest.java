package dev.hourglass.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.testkit.internal.PluginClassLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.example.shared.Flavour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario plugins: a jar compiled here holds a scenario and its own version of a library class
 * that is also on the class path ({@link Flavour}); loaded through {@code hourglass.plugins}, the
 * scenario is found by name, is the class path's {@link Scenario} type, and sees its own library.
 */
class ScenarioPluginTest {
  @TempDir Path dir;

  @AfterEach
  void clearProperty() {
    System.clearProperty(Scenarios.PLUGINS_PROPERTY);
  }

  private Path pluginJar() throws IOException {
    Path src = dir.resolve("src");
    Path classes = dir.resolve("classes");
    Files.createDirectories(src.resolve("org/example/shared"));
    Files.createDirectories(src.resolve("dev/hourglass/plugintest"));
    Files.createDirectories(classes);
    Files.writeString(src.resolve("org/example/shared/Flavour.java"), """
        package org.example.shared;
        public final class Flavour {
          public static String value() { return "plugin"; }
        }
        """);
    Files.writeString(src.resolve("dev/hourglass/plugintest/FlavourScenario.java"), """
        package dev.hourglass.plugintest;
        import dev.hourglass.testkit.*;
        public final class FlavourScenario implements Scenario {
          private final Scenario register = new RegisterScenario();
          public String name() { return "test-plugin-" + org.example.shared.Flavour.value(); }
          public String description() { return "the register, loaded from a plugin jar"; }
          public String checkerName() { return register.checkerName(); }
          public Cluster build(World world) { return register.build(world); }
          public WorkloadSpec workload() { return register.workload(); }
          public HistoryCheck check() { return register.check(); }
          public RunOptions defaultOptions() { return register.defaultOptions(); }
        }
        """);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> sources;
    try (Stream<Path> files = Files.walk(src)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
    args.addAll(sources);
    assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the plugin compiles");
    Path jar = dir.resolve("plugin.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, (OutputStream) out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry(Scenarios.SERVICE_FILE));
      out.write("dev.hourglass.plugintest.FlavourScenario\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  @DisplayName("a plugin's scenario is found by name, with its own copy of a library the class path also has")
  void pluginScenarioSeesItsOwnLibrary() throws IOException {
    System.setProperty(Scenarios.PLUGINS_PROPERTY, pluginJar().toString());

    Scenario scenario = Scenarios.byName("test-plugin-plugin");
    assertInstanceOf(PluginClassLoader.class, scenario.getClass().getClassLoader());
    assertEquals("classpath", Flavour.value(), "the class path keeps its own version");
    assertTrue(Scenarios.names().contains("test-register"), "class-path scenarios are still there: " + Scenarios.names());
    assertEquals(1, Scenarios.names().stream().filter(n -> n.startsWith("test-plugin")).count(), Scenarios.names().toString());
    // It runs like any scenario: the plugin's World, Cluster and RunResult are the class path's.
    RunResult r = ScenarioRunner.run(scenario, 1, scenario.defaultOptions());
    assertEquals(Outcome.PASS, r.outcome(), r::summary);
  }

  @Test
  @DisplayName("a plugin path that is not a readable jar is an error naming the setting and the path")
  void missingPluginJarIsNamed() {
    Path missing = dir.resolve("nope.jar");
    System.setProperty(Scenarios.PLUGINS_PROPERTY, missing.toString());
    IllegalStateException e = assertThrows(IllegalStateException.class, Scenarios::all);
    assertTrue(e.getMessage().startsWith("-Dhourglass.plugins: plugin jar " + missing + " is not a readable file"), e.getMessage());
  }
}
