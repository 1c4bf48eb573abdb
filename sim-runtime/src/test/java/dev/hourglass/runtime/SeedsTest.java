package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Seeds are read in decimal or 0x hex and always printed as 0x + 16 hex digits. */
class SeedsTest {

  @Test
  @DisplayName("parse reads decimal, negative decimal, and 0x hex up to 16 digits (unsigned)")
  void parse() {
    assertEquals(42, Seeds.parse("42"));
    assertEquals(-1, Seeds.parse("-1"));
    assertEquals(0x2a, Seeds.parse("0x2a"));
    assertEquals(0x2a, Seeds.parse("0X2A"));
    assertEquals(0xdeadbeefL, Seeds.parse("0x0000_0000_dead_beef"));
    assertEquals(1_000_000, Seeds.parse("1_000_000"));
    assertEquals(7, Seeds.parse("  7 "));
    assertEquals(-1, Seeds.parse("0xffffffffffffffff"), "16 hex digits are the full unsigned range");
    assertEquals(Long.MIN_VALUE, Seeds.parse("0x8000000000000000"));
    assertEquals(Long.MAX_VALUE, Seeds.parse(Long.toString(Long.MAX_VALUE)));
  }

  @Test
  @DisplayName("format prints 0x and 16 lower-case hex digits, and parse reads it back")
  void formatRoundTrips() {
    assertEquals("0x000000000000002a", Seeds.format(42));
    assertEquals("0xffffffffffffffff", Seeds.format(-1));
    assertEquals("0x8000000000000000", Seeds.format(Long.MIN_VALUE));
    for (long seed : new long[] {0, 1, 42, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xCAFEBABEL}) {
      assertEquals(seed, Seeds.parse(Seeds.format(seed)));
      assertEquals(seed, Seeds.parse(Long.toString(seed)));
    }
  }

  @Test
  @DisplayName("bad seeds fail with an IllegalArgumentException that quotes the input and says what is expected")
  void badInput() {
    for (String bad : new String[] {"abc", "0xg1", "12x", "4.5", "99999999999999999999", "0x-5", "--1"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Seeds.parse(bad), bad);
      assertTrue(e.getMessage().contains(bad), "quotes the input: " + e.getMessage());
      assertTrue(e.getMessage().contains("0x"), "says what a seed looks like: " + e.getMessage());
    }
    for (String bad : new String[] {"0x", "0x1_0000_0000_0000_0000"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Seeds.parse(bad), bad);
      assertTrue(e.getMessage().contains("1 to 16 digits"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Seeds.parse(""));
    assertThrows(IllegalArgumentException.class, () -> Seeds.parse("   "));
    assertThrows(IllegalArgumentException.class, () -> Seeds.parse(null));
  }

  @Test
  @DisplayName("formatNanos prints seconds with nine decimals, negative values included")
  void formatNanos() {
    assertEquals("0.000000000s", Seeds.formatNanos(0));
    assertEquals("12.000345000s", Seeds.formatNanos(12_000_345_000L));
    assertEquals("-1.500000000s", Seeds.formatNanos(-1_500_000_000L));
    assertEquals("-0.000000500s", Seeds.formatNanos(-500));
  }
}
