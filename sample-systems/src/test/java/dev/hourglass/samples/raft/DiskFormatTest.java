package dev.hourglass.samples.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hourglass.samples.raft.DiskFormat.Batch;
import dev.hourglass.samples.raft.DiskFormat.Decoded;
import dev.hourglass.samples.raft.DiskFormat.Meta;
import dev.hourglass.samples.raft.Messages.Command;
import dev.hourglass.samples.raft.Messages.Entry;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DiskFormatTest {
  @Test
  @DisplayName("a batch round-trips, nulls included, padded to whole sectors")
  void batchRoundTrip() {
    Batch b = new Batch(7, 12, List.of(new Entry(3, new Command(Messages.CAS, "k", "new", "old", 4, 9)),
        new Entry(3, Command.noop())));
    byte[] bytes = DiskFormat.encodeBatch(b, 512);
    assertEquals(0, bytes.length % 512);
    Decoded d = DiskFormat.decode(bytes, 0, bytes.length, 512);
    Decoded.Good good = assertInstanceOf(Decoded.Good.class, d);
    assertEquals(bytes.length, good.recordBytes());
    assertEquals(b, DiskFormat.decodeBatch(good.payload()));
  }

  @Test
  @DisplayName("a short read asks for more; a bad length or checksum is a bad record")
  void badRecords() {
    byte[] bytes = DiskFormat.encodeBatch(new Batch(1, 1, List.of(new Entry(1, Command.noop()))), 512);
    assertInstanceOf(Decoded.NeedMore.class, DiskFormat.decode(bytes, 0, 20, 512));
    assertInstanceOf(Decoded.Bad.class, DiskFormat.decode(bytes, 0, 4, 512));
    assertInstanceOf(Decoded.Bad.class, DiskFormat.decode(new byte[512], 0, 512, 512));
    byte[] flipped = bytes.clone();
    flipped[30] ^= 4;
    assertInstanceOf(Decoded.Bad.class, DiskFormat.decode(flipped, 0, flipped.length, 512));
    byte[] longer = bytes.clone();
    longer[3] += 1; // the length field now claims one more byte, which the checksum does not cover
    assertInstanceOf(Decoded.Bad.class, DiskFormat.decode(longer, 0, longer.length, 512));
  }

  @Test
  @DisplayName("metadata is one fixed-size record, with or without a vote")
  void metaRoundTrip() {
    for (Meta m : List.of(Meta.INITIAL, new Meta(42, "n3"))) {
      byte[] bytes = DiskFormat.encodeMeta(m);
      assertEquals(DiskFormat.META_BYTES, bytes.length);
      Decoded.Good good = assertInstanceOf(Decoded.Good.class, DiskFormat.decode(bytes, 0, bytes.length, DiskFormat.META_BYTES));
      assertEquals(m, DiskFormat.decodeMeta(good.payload()));
    }
  }
}
