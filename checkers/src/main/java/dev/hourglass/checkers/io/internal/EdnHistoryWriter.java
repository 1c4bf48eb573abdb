package dev.hourglass.checkers.io.internal;

import dev.hourglass.checkers.History;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes a history as EDN that {@link EdnHistoryParser} reads back to equal entries: a plain
 * series of maps, one per line, no enclosing vector (the form Elle writes; Knossos reads it too):
 *
 * <pre>
 * {:index 0, :process 3, :type :invoke, :f :write, :value 4, :time 123}
 * {:index 1, :process :nemesis, :type :info, :f :start, :value nil}
 * </pre>
 *
 * {@code :time} and {@code :error} are left out when the entry has none. A non-client process
 * named {@code ":x"} is written as the keyword, any other name as a string. A function that is not
 * a valid keyword name is written as a string.
 */
public final class EdnHistoryWriter {
  private EdnHistoryWriter() {}

  public static void write(History h, Writer out) throws IOException {
    StringBuilder line = new StringBuilder(128);
    for (int i = 0; i < h.size(); i++) {
      line.setLength(0);
      try {
        entry(line, h, i);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry " + i + " of " + h.source() + ": " + e.getMessage(), e);
      }
      line.append('\n');
      out.append(line);
    }
    out.flush();
  }

  private static void entry(StringBuilder out, History h, int i) {
    out.append("{:index ").append(i).append(", :process ");
    if (h.isClient(i)) {
      out.append(h.process(i));
    } else {
      String name = h.processName(i);
      if (name.startsWith(":") && EdnPrinter.isKeywordName(name.substring(1))) {
        out.append(name);
      } else {
        EdnPrinter.printString(out, name);
      }
    }
    out.append(", :type :").append(h.type(i).wireName()).append(", :f ");
    String f = h.function(i);
    if (EdnPrinter.isKeywordName(f)) {
      out.append(':').append(f);
    } else {
      EdnPrinter.printString(out, f);
    }
    out.append(", :value ");
    EdnPrinter.print(out, h.value(i));
    if (h.timeNanos(i) != History.NO_TIME) {
      out.append(", :time ").append(h.timeNanos(i));
    }
    if (h.error(i) != null) {
      out.append(", :error ");
      EdnPrinter.print(out, h.error(i));
    }
    out.append('}');
  }
}
