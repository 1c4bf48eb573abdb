package dev.hourglass.testkit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.Simulation;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PingPongTest {
  @Test
  @DisplayName("the getting-started example runs: pongs come back, and a seed replays exactly")
  void exampleRunsAndReplays() {
    Simulation first = PingPong.run(42, 3, Duration.ofSeconds(1));
    Simulation second = PingPong.run(42, 3, Duration.ofSeconds(1));
    Simulation other = PingPong.run(43, 3, Duration.ofSeconds(1));

    assertTrue(first.failure().isEmpty(), () -> first.failure().orElseThrow().describe());
    long pongs = PingPong.pongs(first);
    assertTrue(pongs >= 190 && pongs <= 200, "about 200 pings in 1 s at one per 5 ms: pongs=" + pongs);
    assertEquals(first.trace().hash(), second.trace().hash(), "same seed, same trace");
    assertNotEquals(first.trace().hash(), other.trace().hash(), "another seed, another trace");
  }
}
