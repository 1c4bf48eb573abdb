package dev.hourglass.testkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code check} contract of DESIGN.md: verdict line, evidence, exit 0/1/2/64. */
class CheckCommandTest {
  private static final Path ANCHORS = Path.of("..", "..", "shared", "anchors");

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = HourglassCli.execute(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  @DisplayName("a linearizable etcd log prints VALID and exits 0")
  void validExitsZero() {
    Run r = run("--model", "cas-register", "--format", "porcupine-etcd", ANCHORS.resolve("porcupine/jepsen/etcd_031.log").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("VALID"), r.out());
  }

  @Test
  @DisplayName("a non-linearizable Knossos history prints INVALID with the counterexample and exits 1")
  void invalidExitsOneWithEvidence() {
    Run r = run("--model", "cas-register", "--format", "edn", "--initial", "0",
        ANCHORS.resolve("knossos/cas-register/bad/cas-failure.edn").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().startsWith("INVALID"), r.out());
    assertTrue(r.out().contains("cannot linearize:") && r.out().contains("p70 read 0 ok"), r.out());
  }

  @Test
  @DisplayName("--initial sets the multi-register's state; --json prints one parseable object")
  void jsonOutput() throws IOException {
    Run r = run("--model", "multi-register", "--format", "edn", "--initial", "{:x 0 :y 0}", "--json",
        ANCHORS.resolve("knossos/multi-register/good/multi-register.edn").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("VALID", json.get("verdict").asText());
    assertEquals("multi-register", json.get("model").asText());
  }

  @Test
  @DisplayName("an exhausted budget prints UNKNOWN with the reason and exits 2")
  void unknownExitsTwo(@TempDir Path dir) throws IOException {
    StringBuilder h = new StringBuilder();
    for (int p = 0; p < 14; p++) {
      h.append("{:process ").append(p).append(" :type :invoke :f :write :value ").append(p).append("}\n");
    }
    for (int p = 0; p < 14; p++) {
      h.append("{:process ").append(p).append(" :type :ok :f :write :value ").append(p).append("}\n");
    }
    h.append("{:process 99 :type :invoke :f :read :value nil}\n{:process 99 :type :ok :f :read :value 42}\n");
    Path file = dir.resolve("hard.edn");
    Files.writeString(file, h);
    Run r = run("--model", "register", "--format", "edn", "--memory", "4k", file.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.out().startsWith("UNKNOWN: memory budget exhausted"), r.out());
  }

  @Test
  @DisplayName("malformed input exits 64 naming the file, line and column, without a stack trace")
  void malformedInputExits64(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.edn");
    Files.writeString(file, "{:process 0 :type :invoke :f :read}\n{:process 0 :type :okk :f :read :value 1}\n");
    Run r = run("--model", "register", "--format", "edn", file.toString());
    assertEquals(64, r.code());
    assertTrue(r.err().contains("bad.edn:2:19:"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  @DisplayName("a missing file, an unknown model or format, and a bad --initial each exit 64")
  void badUsageExits64() {
    assertEquals(64, run("--model", "register", "--format", "edn", "no-such-file.edn").code());
    assertEquals(64, run("--model", "nope", "--format", "edn", "x").code());
    assertEquals(64, run("--model", "register", "--format", "nope", "x").code());
    Run r = run("--model", "register", "--format", "edn", "--initial", "{:x", "x");
    assertEquals(64, r.code());
    assertTrue(r.err().contains("--initial:1:"), r.err());
  }
}
