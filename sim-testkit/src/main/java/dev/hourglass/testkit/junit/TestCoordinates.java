package dev.hourglass.testkit.junit;

import dev.hourglass.runtime.Seeds;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where a {@link SimulationTest} lives, in the terms a developer needs to re-run one of its seeds:
 * the Maven module ({@code -pl}), the surefire filter ({@code -Dtest=Class#method}), and the
 * folder a failing seed's artifacts go to.
 *
 * <p>The module is found from where the test class was loaded ({@code
 * <module>/target/test-classes}: the nearest directory with a {@code pom.xml}, relative to the
 * topmost directory above it that also has one), because that is right in an IDE too, whose
 * working directory is often the project root; failing that, from the working directory (which
 * surefire sets to the module). {@code -Dhourglass.module=PATH} overrides both.
 *
 * @param testClass the class name for {@code -Dtest} (without package; a nested class as {@code
 *     Outer$Inner})
 * @param method the test method's name
 * @param module the {@code -pl} argument; empty when the project has a single module
 * @param moduleDir the module's directory; artifacts go under its {@code target/hourglass}
 */
record TestCoordinates(String testClass, String method, Optional<String> module, Path moduleDir) {
  static final String MODULE = "hourglass.module";
  /** How far up from the class-file location to look for the module's pom.xml. */
  private static final int POM_SEARCH_DEPTH_MAX = 6;

  static TestCoordinates of(Class<?> testClass, String method, Optional<String> moduleOverride) {
    String pkg = testClass.getPackageName();
    String name = pkg.isEmpty() ? testClass.getName() : testClass.getName().substring(pkg.length() + 1);
    Path cwd = Path.of("").toAbsolutePath();
    Path moduleDir = classLocation(testClass).flatMap(TestCoordinates::nearestPom)
        .or(() -> nearestPom(cwd))
        .orElse(cwd);
    Optional<String> module;
    if (moduleOverride.isPresent()) {
      module = Optional.of(moduleOverride.get().strip()).filter(m -> !m.isEmpty());
    } else {
      Path root = moduleDir;
      while (root.getParent() != null && Files.isRegularFile(root.getParent().resolve("pom.xml"))) {
        root = root.getParent();
      }
      String relative = root.relativize(moduleDir).toString().replace('\\', '/');
      module = Optional.of(relative).filter(m -> !m.isEmpty());
    }
    return new TestCoordinates(name, method, module, moduleDir);
  }

  /** {@code mvn -pl sim-testkit test -Dtest=RegisterTest#linearizable -Dhourglass.seed=0x…} */
  String reproduceCommand(long seed) {
    String filter = testClass + "#" + method;
    if (filter.contains("$")) {
      filter = "'" + filter + "'"; // a shell would expand $Inner
    }
    return "mvn " + module.map(m -> "-pl " + m + " ").orElse("") + "test -Dtest=" + filter
        + " -D" + SeedSelection.SEED + "=" + Seeds.format(seed);
  }

  /** {@code <module>/target/hourglass/<Class>-<method>-0x…}: one folder per test and seed. */
  Path artifactFolder(long seed) {
    return moduleDir.resolve("target").resolve("hourglass")
        .resolve(testClass + "-" + method + "-" + Seeds.format(seed));
  }

  private static Optional<Path> classLocation(Class<?> type) {
    try {
      CodeSource source = type.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      return Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException | SecurityException e) {
      // Not a plain directory or file (a jar inside a jar, a custom class loader's URL): fall
      // back to the working directory. InvalidPathException is an IllegalArgumentException.
      return Optional.empty();
    }
  }

  private static Optional<Path> nearestPom(Path start) {
    Path dir = start;
    for (int i = 0; i <= POM_SEARCH_DEPTH_MAX && dir != null; i++, dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }
}
