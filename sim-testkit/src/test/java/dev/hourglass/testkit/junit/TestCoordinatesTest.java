package dev.hourglass.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TestCoordinatesTest {
  @Test
  @DisplayName("the module comes from where the test class was compiled, relative to the reactor root")
  void moduleFromClassLocation() {
    TestCoordinates c = TestCoordinates.of(TestCoordinatesTest.class, "moduleFromClassLocation", Optional.empty());
    assertEquals(Optional.of("sim-testkit"), c.module());
    assertEquals(Path.of("").toAbsolutePath(), c.moduleDir(), "surefire runs in the module directory");
    assertEquals("mvn -pl sim-testkit test -Dtest=TestCoordinatesTest#moduleFromClassLocation -Dhourglass.seed=0x000000000000002a",
        c.reproduceCommand(42));
    assertEquals(Path.of("target", "hourglass", "TestCoordinatesTest-moduleFromClassLocation-0xffffffffffffffff").toAbsolutePath(),
        c.artifactFolder(-1));
  }

  @Test
  @DisplayName("-Dhourglass.module overrides the module; a blank one drops -pl for a single-module project")
  void moduleOverride() {
    assertEquals("mvn -pl sample-systems/raft test -Dtest=TestCoordinatesTest#m -Dhourglass.seed=0x0000000000000001",
        TestCoordinates.of(TestCoordinatesTest.class, "m", Optional.of(" sample-systems/raft ")).reproduceCommand(1));
    assertEquals("mvn test -Dtest=TestCoordinatesTest#m -Dhourglass.seed=0x0000000000000001",
        TestCoordinates.of(TestCoordinatesTest.class, "m", Optional.of("")).reproduceCommand(1));
  }

  @Test
  @DisplayName("a nested class is named Outer$Inner and quoted against the shell")
  void nestedClassQuoted() {
    assertEquals("mvn -pl sim-testkit test -Dtest='Samples$Sweep#sweep' -Dhourglass.seed=0x0000000000000001",
        TestCoordinates.of(Samples.Sweep.class, "sweep", Optional.empty()).reproduceCommand(1));
  }
}
