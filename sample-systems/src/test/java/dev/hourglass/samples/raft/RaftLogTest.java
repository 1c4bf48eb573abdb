package dev.hourglass.samples.raft;

import static dev.hourglass.samples.raft.StorageFixture.SECTOR;
import static dev.hourglass.samples.raft.StorageFixture.entry;
import static dev.hourglass.samples.raft.StorageFixture.terms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.disk.DiskFaults;
import dev.hourglass.samples.raft.DiskFormat.Batch;
import dev.hourglass.samples.raft.Messages.Entry;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RaftLogTest {
  /** Three good records: entries 1-2 (term 1), entry 3 (term 1), then entries 2-3 replaced by term 2. */
  private static final List<Batch> GOOD = List.of(
      new Batch(1, 1, List.of(entry(1, "a"), entry(1, "b"))),
      new Batch(2, 3, List.of(entry(1, "c"))),
      new Batch(3, 2, List.of(entry(2, "d"), entry(2, "e"))));
  private static final List<Long> GOOD_TERMS = List.of(1L, 2L, 2L);
  /** The record that a crash interrupts. */
  private static final Batch LAST = new Batch(4, 4, List.of(entry(2, "f"), entry(2, "g"), entry(2, "h")));

  private static byte[] content(List<Batch> batches) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Batch b : batches) {
      out.writeBytes(DiskFormat.encodeBatch(b, SECTOR));
    }
    return out.toByteArray();
  }

  private static RaftLog recoverFrom(byte[] content, long seed) {
    StorageFixture f = new StorageFixture(seed);
    f.disk().preload(RaftLog.FILE, content);
    return f.start().log();
  }

  @Test
  @DisplayName("appended entries and a follower's truncation survive a crash once durable")
  void durableEntriesSurviveACrash() {
    StorageFixture f = new StorageFixture(1);
    f.start();
    f.act(s -> {
      RaftLog log = s.log();
      log.append(entry(1, "a"));
      log.append(entry(1, "b"));
      log.append(entry(1, "c"));
      log.append(entry(1, "d"));
    });
    f.runFor(300_000); // some of it is on its way to the disk
    f.act(s -> s.log().replaceFrom(3, List.of(entry(2, "x"), entry(2, "y"), entry(2, "z"))));
    f.settle();
    f.crash();
    RaftLog log = f.start().log();
    assertEquals(List.of(1L, 1L, 2L, 2L, 2L), terms(log));
    assertEquals("x", log.entry(3).command().value());
    assertEquals(log.lastIndex(), log.durableIndex(), "everything recovered is durable");
  }

  @Test
  @DisplayName("recovery cuts off a record torn at any byte, and keeps every record before it")
  void tornLastRecordIsCutOff() {
    byte[] good = content(GOOD);
    byte[] last = DiskFormat.encodeBatch(LAST, SECTOR);
    int used = used(last);
    for (int cut = 0; cut < last.length; cut += 7) {
      byte[] torn = concat(good, Arrays.copyOf(last, cut));
      StorageFixture f = new StorageFixture(cut);
      f.disk().preload(RaftLog.FILE, torn);
      RaftLog log = f.start().log();
      f.settle();
      int at = cut;
      if (cut < used) {
        assertEquals(GOOD_TERMS, terms(log), () -> "cut at byte " + at);
        assertArrayEquals(good, f.disk().durableContent(RaftLog.FILE).orElseThrow(), "the torn tail is truncated away");
      } else {
        // Only padding is missing: the record is whole, and keeping it is as right as losing it.
        assertEquals(List.of(1L, 2L, 2L, 2L, 2L, 2L), terms(log), () -> "cut at byte " + at);
      }
    }
    assertEquals(List.of(1L, 2L, 2L, 2L, 2L, 2L), terms(recoverFrom(concat(good, last), 0)), "an untorn record is kept");
  }

  @Test
  @DisplayName("recovery rejects the last record with any single bit flipped, and a zeroed sector")
  void corruptedLastRecordIsRejected() {
    byte[] good = content(GOOD);
    byte[] last = DiskFormat.encodeBatch(LAST, SECTOR);
    int used = used(last);
    for (int at = 0; at < used; at += 3) {
      byte[] bad = last.clone();
      bad[at] ^= (byte) (1 << (at % 8));
      int where = at;
      assertEquals(GOOD_TERMS, terms(recoverFrom(concat(good, bad), at)), () -> "bit flipped in byte " + where);
    }
    assertEquals(GOOD_TERMS, terms(recoverFrom(concat(good, new byte[SECTOR]), 0)), "zeros are not a record");
  }

  @Test
  @DisplayName("a latent sector error in the last record ends the log there; appending rewrites the sector")
  void latentErrorInLastRecord() {
    byte[] good = content(GOOD);
    StorageFixture f = new StorageFixture(3);
    f.disk().preload(RaftLog.FILE, concat(good, DiskFormat.encodeBatch(LAST, SECTOR)));
    f.disk().injectLatentError(RaftLog.FILE, good.length / SECTOR);
    f.start();
    f.act(s -> s.log().append(entry(3, "new")));
    f.settle();
    f.crash();
    RaftLog log = f.start().log();
    assertEquals(List.of(1L, 2L, 2L, 3L), terms(log));
  }

  @Test
  @DisplayName("a bit flipped in transit is read again, not taken for the end of the log")
  void transientCorruptionIsReRead() {
    byte[] content = content(GOOD);
    for (long seed = 1; seed <= 10; seed++) {
      StorageFixture f = new StorageFixture(seed);
      f.disk().preload(RaftLog.FILE, content);
      f.faults(new DiskFaults(0.1, false, 0, 0, 0, 0));
      assertEquals(GOOD_TERMS, terms(f.start().log()), "seed " + seed);
    }
  }

  @Test
  @DisplayName("failed writes, failed fsyncs and latent errors are retried until the read-back matches")
  void faultyWritesAreRetried() {
    for (long seed = 1; seed <= 10; seed++) {
      StorageFixture f = new StorageFixture(seed);
      List<Long> durable = new ArrayList<>();
      f.start();
      f.faults(new DiskFaults(0, false, 0.2, 0, 0.2, 0.2));
      f.act(s -> {
        for (int i = 0; i < 20; i++) {
          s.log().append(entry(1, "v" + i));
        }
        s.afterDurable(() -> durable.add(s.log().durableIndex()));
      });
      f.settle();
      assertEquals(List.of(20L), durable, "seed " + seed + ": all 20 durable");
      assertEquals(List.of(), f.failStops, "no step failed " + DiskIo.ATTEMPTS_MAX + " times");
      f.faults(DiskFaults.none());
      f.crash();
      assertEquals(20, f.start().log().lastIndex(), "seed " + seed);
    }
  }

  @Test
  @DisplayName("a crash at any moment keeps every entry that was durable before it, truncations included")
  void crashKeepsDurablePrefix() {
    for (long seed = 1; seed <= 60; seed++) {
      StorageFixture f = new StorageFixture(seed);
      f.start();
      for (int i = 0; i < 30; i++) {
        int n = i;
        f.actLater(n * 300_000L, s -> s.log().append(entry(1, "v" + n)));
      }
      f.actLater(4_000_000L, s -> s.log().replaceFrom(11, List.of(entry(2, "x"), entry(2, "y"))));
      f.runFor(1 + (seed * 7919) % 12_000_000); // crash somewhere in the middle
      List<Entry> durable = new ArrayList<>();
      f.act(s -> {
        for (long i = 1; i <= s.log().durableIndex(); i++) {
          durable.add(s.log().entry(i));
        }
      });
      f.crash();
      RaftLog after = f.start().log();
      long at = seed;
      assertTrue(after.lastIndex() >= durable.size(), () -> "seed " + at + ": kept " + after.lastIndex() + " of " + durable.size());
      for (int i = 0; i < durable.size(); i++) {
        assertEquals(durable.get(i), after.entry(i + 1), "seed " + seed + " entry " + (i + 1));
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** The bytes of a framed record before its padding. */
  private static int used(byte[] record) {
    return DiskFormat.HEADER_BYTES + java.nio.ByteBuffer.wrap(record).getInt();
  }
}
