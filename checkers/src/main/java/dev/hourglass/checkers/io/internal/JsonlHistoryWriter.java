package dev.hourglass.checkers.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hourglass.checkers.History;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes a history as JSON Lines that {@link JsonlHistoryParser} reads back to equal entries, one
 * object per line in the order {@code index, process, type, f, value, time, error}; {@code time}
 * and {@code error} are left out when the entry has none. Values use the {@link JsonValues}
 * encoding.
 */
public final class JsonlHistoryWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonlHistoryWriter() {}

  public static void write(History h, Writer out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setRootValueSeparator(null);
    for (int i = 0; i < h.size(); i++) {
      try {
        entry(g, h, i);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry " + i + " of " + h.source() + ": " + e.getMessage(), e);
      }
      g.writeRaw('\n');
    }
    g.close();
    out.flush();
  }

  private static void entry(JsonGenerator g, History h, int i) throws IOException {
    g.writeStartObject();
    g.writeNumberField("index", i);
    if (h.isClient(i)) {
      g.writeNumberField("process", h.process(i));
    } else {
      g.writeStringField("process", h.processName(i));
    }
    g.writeStringField("type", h.type(i).wireName());
    g.writeStringField("f", h.function(i));
    g.writeFieldName("value");
    JsonValues.write(g, h.value(i));
    if (h.timeNanos(i) != History.NO_TIME) {
      g.writeNumberField("time", h.timeNanos(i));
    }
    if (h.error(i) != null) {
      g.writeFieldName("error");
      JsonValues.write(g, h.error(i));
    }
    g.writeEndObject();
  }
}
