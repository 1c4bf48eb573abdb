package dev.hourglass.checkers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generated history of a million operations (two million entries) reads from a stream that never
 * holds its text, and writes back out the same way.
 */
class LargeHistoryTest {
  private static final Logger log = LoggerFactory.getLogger(LargeHistoryTest.class);
  private static final int OPS = 1_000_000;
  private static final int PROCESSES = 10;

  /**
   * Generates the history text line by line: in each batch of {@value #PROCESSES} operations, every
   * process invokes, then every process completes. Operation k is a read, write or cas by k % 3.
   */
  static final class GeneratedHistory extends Reader {
    private final HistoryFormat format;
    private final int ops;
    private int lineIndex;
    private String current = "";
    private int pos;
    long charsProduced;

    GeneratedHistory(HistoryFormat format, int ops) {
      this.format = format;
      this.ops = ops;
    }

    static long opOf(int lineIndex) {
      int batch = lineIndex / (2 * PROCESSES);
      return (long) batch * PROCESSES + lineIndex % PROCESSES;
    }

    private String line(int i) {
      int j = i % (2 * PROCESSES);
      boolean invoke = j < PROCESSES;
      long k = opOf(i);
      int process = (int) (k % PROCESSES);
      String f = switch ((int) (k % 3)) {
        case 0 -> "read";
        case 1 -> "write";
        default -> "cas";
      };
      String type = invoke ? "invoke" : k % 7 == 0 ? "info" : k % 5 == 0 ? "fail" : "ok";
      boolean json = format == HistoryFormat.JSONL;
      String value = switch (f) {
        case "read" -> invoke ? (json ? "null" : "nil") : Long.toString(k % 5);
        case "write" -> Long.toString(k % 100);
        default -> json ? "[" + k % 5 + "," + (k + 1) % 5 + "]" : "[" + k % 5 + " " + (k + 1) % 5 + "]";
      };
      long time = 1_000L * i;
      return json
          ? "{\"index\":" + i + ",\"process\":" + process + ",\"type\":\"" + type + "\",\"f\":\"" + f + "\",\"value\":"
              + value + ",\"time\":" + time + "}\n"
          : "{:process " + process + ", :type :" + type + ", :f :" + f + ", :value " + value + ", :time " + time + "}\n";
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (pos == current.length()) {
        if (lineIndex == 2 * ops) {
          return -1;
        }
        current = line(lineIndex++);
        pos = 0;
      }
      int n = Math.min(len, current.length() - pos);
      current.getChars(pos, pos + n, buf, off);
      pos += n;
      charsProduced += n;
      return n;
    }

    @Override
    public void close() {}
  }

  /** Counts what is written and keeps nothing. */
  static final class CountingWriter extends Writer {
    long chars;
    long lines;

    @Override
    public void write(char[] buf, int off, int len) {
      chars += len;
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n') {
          lines++;
        }
      }
    }

    @Override
    public Writer append(CharSequence s) {
      chars += s.length();
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) == '\n') {
          lines++;
        }
      }
      return this;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private static void check(HistoryFormat format) throws IOException {
    GeneratedHistory text = new GeneratedHistory(format, OPS);
    long start = System.nanoTime();
    History h = HistoryReader.read(text, "generated." + format.cliName(), format);
    long readMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(2 * OPS, h.size());
    List<Operation> ops = h.operations();
    assertEquals(OPS, ops.size());
    long pairMillis = (System.nanoTime() - start) / 1_000_000 - readMillis;

    // Spot checks, computed from the generator's rules.
    int last = h.size() - 1;
    assertEquals(2 * OPS, h.line(last));
    assertEquals(1_000L * last, h.timeNanos(last));
    Operation op = ops.get(999_996); // k % 3 == 0: read; k % 7 == 4, k % 5 == 1: ok
    assertEquals("read", op.function());
    assertEquals(OpType.OK, op.completion());
    assertEquals(999_996L % 5, op.value());
    assertEquals(OpType.INFO, ops.get(OPS - 1).completion(), "k = 999999 is a multiple of 7");
    Operation cas = ops.get(5); // k = 5: cas, fails (5 % 5 == 0)
    assertEquals("cas", cas.function());
    assertEquals(OpType.FAIL, cas.completion());
    assertEquals(List.of(0L, 1L), cas.value());
    assertEquals(OpType.INFO, ops.get(7).completion());

    CountingWriter out = new CountingWriter();
    start = System.nanoTime();
    HistoryWriter.write(h, out, format);
    long writeMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(2L * OPS, out.lines);
    log.info("{}: {} entries, {} MB of text: read {} ms, paired {} ms, wrote {} ms", format, h.size(),
        text.charsProduced / 1_000_000, readMillis, pairMillis, writeMillis);
    assertTrue(text.charsProduced > 50L * OPS, "the text was really generated");
  }

  @Test
  @DisplayName("a generated EDN history of a million operations reads and writes, streaming")
  void millionOperationsEdn() throws IOException {
    check(HistoryFormat.EDN);
  }

  @Test
  @DisplayName("a generated JSON Lines history of a million operations reads and writes, streaming")
  void millionOperationsJsonl() throws IOException {
    check(HistoryFormat.JSONL);
  }
}
