package dev.hourglass.testkit.internal;

import dev.hourglass.runtime.Trace;
import java.io.IOException;
import java.io.Writer;

/**
 * A trace as text, one event per line with its virtual time and node ({@code #12
 * t=0.001000000s n1 net.deliver detail=…}), under a header line; a trace that kept fewer
 * records than it had events ends with a line saying so. Header and note start with {@code #
 * }, which no event line does.
 */
public final class TraceText {
  private TraceText() {}

  public static void write(Trace trace, String title, Writer out) throws IOException {
    out.write("# " + title + ": " + trace.eventCount() + " events, trace-hash=" + trace.hashHex() + "\n");
    int retained = trace.retainedCount();
    for (int i = 0; i < retained; i++) {
      out.write(trace.record(i).describe());
      out.write('\n');
    }
    if (!trace.complete()) {
      out.write("# truncated: the first " + retained + " of " + trace.eventCount()
          + " events are shown (SimulationOptions.traceRecordsMax); the trace hash covers all of them\n");
    }
  }
}
