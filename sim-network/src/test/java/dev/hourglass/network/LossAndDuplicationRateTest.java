package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.network.NetFixture.Msg;
import dev.hourglass.runtime.NodeRef;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Loss and duplication happen at their configured rates; a per-link override beats the default. */
class LossAndDuplicationRateTest {
  private static final int N = 10_000;
  private static final long[] SEEDS = {1, 2, 3};

  /** Sends {@code N} messages a→b, one every 10 µs, and runs until all have arrived. */
  private static NetFixture run(long seed, LinkOptions link) {
    NetFixture f = NetFixture.create(seed, 2, link);
    for (int i = 0; i < N; i++) {
      int n = i;
      f.sim.schedule(i * 10_000L, "send", i, () -> f.send(f.node(1), f.node(2), new Msg(n)));
    }
    f.sim.runFor(Duration.ofSeconds(2));
    f.assertNoFailure();
    return f;
  }

  private static void assertRate(double expected, long count, long of, double tolerance, String what) {
    double rate = (double) count / of;
    assertTrue(Math.abs(rate - expected) <= tolerance,
        what + ": " + count + "/" + of + " = " + rate + ", expected " + expected + " ± " + tolerance);
  }

  @Test
  @DisplayName("a 10% loss rate loses 10% ± 1% of 10,000 messages, counted as LOSS")
  void lossRate() {
    for (long seed : SEEDS) {
      NetFixture f = run(seed, NetFixture.constant(Duration.ofMillis(1)).withLossRate(0.1));
      LinkStats s = f.net.stats(f.node(1), f.node(2));
      assertEquals(N, s.sent());
      assertRate(0.1, s.dropped(DropReason.LOSS), N, 0.01, "seed " + seed + " loss");
      assertEquals(N - s.dropped(DropReason.LOSS), s.delivered());
      assertEquals(s.delivered(), f.inbox(f.node(2)).size());
      assertEquals(s.dropped(DropReason.LOSS), f.traced(DropReason.LOSS.traceLabel()).size());
    }
  }

  @Test
  @DisplayName("a 5% duplication rate duplicates 5% ± 0.7% of 10,000 messages, and each duplicate is delivered")
  void duplicationRate() {
    for (long seed : SEEDS) {
      NetFixture f = run(seed, NetFixture.constant(Duration.ofMillis(1)).withDuplicateRate(0.05));
      LinkStats s = f.net.stats(f.node(1), f.node(2));
      assertRate(0.05, s.duplicated(), N, 0.007, "seed " + seed + " duplication");
      assertEquals(N + s.duplicated(), s.delivered());
      long twice = f.numbers(f.node(2)).stream()
          .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.stream.Collectors.counting()))
          .values().stream().filter(c -> c == 2).count();
      assertEquals(s.duplicated(), twice, "each duplicated message arrives exactly twice");
      assertEquals(s.duplicated(), f.traced("net.duplicate").size());
    }
  }

  @Test
  @DisplayName("with loss and duplication together, only messages that were not lost are duplicated")
  void lossAndDuplicationTogether() {
    for (long seed : SEEDS) {
      NetFixture f = run(seed, NetFixture.constant(Duration.ofMillis(1)).withLossRate(0.2).withDuplicateRate(0.1));
      LinkStats s = f.net.stats(f.node(1), f.node(2));
      assertRate(0.2, s.dropped(DropReason.LOSS), N, 0.015, "seed " + seed + " loss");
      assertRate(0.1, s.duplicated(), N - s.dropped(DropReason.LOSS), 0.01, "seed " + seed + " duplication of survivors");
      assertEquals(s.sent() + s.duplicated(), s.delivered() + s.droppedTotal());
    }
  }

  @Test
  @DisplayName("a per-link override beats the default, for that direction only, until reset")
  void perLinkOverride() {
    NetFixture f = NetFixture.create(5, 3, NetFixture.constant(Duration.ofMillis(1)));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    NodeRef c = f.node(3);
    LinkOptions lossy = NetFixture.constant(Duration.ofMillis(7)).withLossRate(0.5);
    f.net.configureLink(a, b, lossy);
    assertEquals(lossy, f.net.linkOptions(a, b));
    assertEquals(f.net.defaultLink(), f.net.linkOptions(b, a));

    for (int i = 0; i < 2_000; i++) {
      f.send(a, b, new Msg(i));
      f.send(b, a, new Msg(i));
      f.send(a, c, new Msg(i));
    }
    f.sim.runFor(Duration.ofMillis(20));
    assertRate(0.5, f.net.stats(a, b).dropped(DropReason.LOSS), 2_000, 0.04, "a→b override");
    assertEquals(0, f.net.stats(b, a).droppedTotal(), "the reverse direction keeps the default");
    assertEquals(0, f.net.stats(a, c).droppedTotal(), "other links keep the default");
    f.inbox(b).forEach(r -> assertEquals(Duration.ofMillis(7).toNanos(), r.atNanos(), "a→b latency override"));
    f.inbox(c).forEach(r -> assertEquals(Duration.ofMillis(1).toNanos(), r.atNanos()));

    // A new default changes every link without an override, and not the overridden one.
    f.net.setDefaultLink(NetFixture.constant(Duration.ofMillis(3)));
    f.clearInboxes();
    long t0 = f.sim.nowNanos();
    f.send(a, c, new Msg(-1));
    f.send(a, b, new Msg(-2));
    f.send(a, b, new Msg(-3));
    f.sim.runFor(Duration.ofMillis(10));
    assertEquals(t0 + Duration.ofMillis(3).toNanos(), f.inbox(c).get(0).atNanos());
    f.inbox(b).forEach(r -> assertEquals(t0 + Duration.ofMillis(7).toNanos(), r.atNanos()));

    f.net.resetLink(a, b);
    assertEquals(f.net.defaultLink(), f.net.linkOptions(a, b));
    f.clearInboxes();
    long t1 = f.sim.nowNanos();
    for (int i = 0; i < 100; i++) {
      f.send(a, b, new Msg(i));
    }
    f.sim.runFor(Duration.ofMillis(10));
    assertEquals(100, f.inbox(b).size(), "no loss after reset");
    f.inbox(b).forEach(r -> assertEquals(t1 + Duration.ofMillis(3).toNanos(), r.atNanos()));
  }
}
