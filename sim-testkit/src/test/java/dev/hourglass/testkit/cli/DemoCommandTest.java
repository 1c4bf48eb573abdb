package dev.hourglass.testkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  private record Run(int code, String out, String err) {}

  private static Run demo(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "demo";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = HourglassCli.execute(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  @DisplayName("demo prints one line per seed with a 16-hex-digit trace hash and exits 0")
  void printsTraceHashPerSeed() {
    Run run = demo("--seeds", "3", "--start", "0x10", "--duration-ms", "200");
    assertEquals(0, run.code(), run.err());
    List<String> lines = run.out().lines().filter(l -> l.startsWith("seed=")).toList();
    assertEquals(3, lines.size(), run.out());
    assertTrue(lines.get(0).startsWith("seed=0x0000000000000010 "), lines.get(0));
    lines.forEach(l -> assertTrue(l.matches(".* replay=same trace-hash=[0-9a-f]{16}"), l));
    assertNotEquals(hash(lines.get(0)), hash(lines.get(1)), "different seeds, different traces");
    assertTrue(run.out().contains("3 seeds, 3 passed, 0 failed"), run.out());
  }

  @Test
  @DisplayName("demo gives the same trace hash for the same seed in decimal and in hex")
  void sameSeedSameHash() {
    String decimal = demo("--seeds", "1", "--start", "255", "--duration-ms", "100").out();
    String hex = demo("--seeds", "1", "--start", "0xff", "--duration-ms", "100").out();
    assertEquals(hash(decimal.lines().findFirst().orElseThrow()), hash(hex.lines().findFirst().orElseThrow()));
  }

  @Test
  @DisplayName("demo rejects out-of-range options with exit 64 and names the option")
  void rejectsBadOptions() {
    Run run = demo("--seeds", "0");
    assertEquals(HourglassCli.EXIT_USAGE, run.code());
    assertTrue(run.err().contains("--seeds"), run.err());
  }

  private static String hash(String line) {
    return line.substring(line.indexOf("trace-hash=") + "trace-hash=".length()).trim();
  }
}
