package dev.hourglass.samples.raft;

import dev.hourglass.runtime.SimFuture;
import dev.hourglass.samples.raft.Messages.ClientResponse;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Linearizable reads without writing them to the log (Raft thesis §6.4, "read index"). A leader
 * answers a read once three things hold:
 *
 * <ol>
 *   <li>it has committed an entry of its own term (its no-op), so its commit index is at least
 *       that of every earlier leader;
 *   <li>a majority acknowledged a heartbeat round that started after the read arrived, so no
 *       newer leader existed when the read was taken — otherwise one of them would have refused;
 *   <li>its state machine has applied up to the commit index it recorded for the read.
 * </ol>
 *
 * <p>Rounds are numbered; every AppendEntries carries the current number and every reply echoes
 * it, so an acknowledgement from a peer of the leader's term proves the rounds up to it. Peers are
 * numbered as in {@link Followers}.
 */
final class ReadIndex {
  /** A read waiting to be answered. {@code readIndex} is -1 until the leader's no-op commits. */
  private static final class Pending {
    final String key;
    final SimFuture<ClientResponse> future;
    long readIndex = -1;
    long round = -1;

    Pending(String key, SimFuture<ClientResponse> future) {
      this.key = key;
      this.future = future;
    }
  }

  /** An acknowledged round below every real one: the peer acknowledged nothing yet. */
  private static final long NONE = Long.MIN_VALUE;

  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  /** The highest round each peer acknowledged in this leadership; {@link #NONE} if none yet. */
  private final long[] ackedRound;
  private long round;

  ReadIndex(int peers) {
    ackedRound = new long[peers];
    Arrays.fill(ackedRound, NONE);
  }

  /** The number AppendEntries carry now. */
  long round() {
    return round;
  }

  int size() {
    return pending.size();
  }

  /** A new leadership: no peer has acknowledged anything of it. */
  void reset() {
    Arrays.fill(ackedRound, NONE);
  }

  /** Starts a new round; the caller broadcasts it. */
  long nextRound() {
    return ++round;
  }

  void add(String key, SimFuture<ClientResponse> future) {
    pending.addLast(new Pending(key, future));
  }

  /** {@code peer}, in the leader's term, acknowledged round {@code r}. */
  void acknowledged(int peer, long r) {
    ackedRound[peer] = Math.max(ackedRound[peer], r);
  }

  /** Reads that wait for the no-op start now: they read at {@code commitIndex} in a new round. True if a round must be broadcast. */
  boolean startWaiting(long commitIndex) {
    boolean started = false;
    for (Pending p : pending) {
      if (p.readIndex < 0) {
        if (!started) {
          nextRound();
          started = true;
        }
        p.readIndex = commitIndex;
        p.round = round;
      }
    }
    return started;
  }

  /** Answers every read whose round a majority acknowledged and whose index is applied. */
  void answerReady(int majority, long lastApplied, KvStateMachine sm) {
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (p.readIndex < 0 || p.readIndex > lastApplied || !confirmed(p.round, majority)) {
        continue;
      }
      it.remove();
      p.future.complete(ClientResponse.ok(sm.read(p.key)));
    }
  }

  private boolean confirmed(long r, int majority) {
    int acks = 1; // the leader itself
    for (long acked : ackedRound) {
      if (acked >= r) {
        acks++;
      }
    }
    return acks >= majority;
  }

  /** Leadership is lost: every waiting read goes to try elsewhere (a read changes nothing). */
  void redirectAll(String leader) {
    while (!pending.isEmpty()) {
      pending.pollFirst().future.complete(ClientResponse.redirect(leader));
    }
  }
}
