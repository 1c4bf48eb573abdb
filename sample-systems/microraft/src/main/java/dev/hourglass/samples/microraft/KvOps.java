package dev.hourglass.samples.microraft;

import java.util.List;

/**
 * The values the KV store puts in MicroRaft's log, its snapshots and on the client wire. All are
 * immutable records of strings and numbers: the Raft side crosses the wire and the disk through
 * {@link Wire}, the client side through the simulated RPC.
 */
final class KvOps {
  private KvOps() {}

  static final String GET = "get";
  static final String PUT = "put";
  static final String APPEND = "append";
  static final String CAS = "cas";
  /** The entry a new leader commits first ({@link KvStateMachine#getNewTermOperation()}). */
  static final String NOOP = "noop";

  /**
   * A state-machine operation. {@code clientId} and {@code sequence} identify a client's write so
   * that a duplicated request is applied once; {@code expected} is a cas's compare value. Null
   * where the operation has none.
   */
  record Command(String op, String key, String value, String expected, long clientId, long sequence) {
    boolean isWrite() {
      return op.equals(PUT) || op.equals(APPEND) || op.equals(CAS);
    }
  }

  /** What the state machine answers: {@code ok} (with a get's value) or {@code fail} (a cas that did not match). */
  record Result(boolean ok, String value) {}

  /** A client's last applied write and its result (the session that makes writes exactly-once). */
  record Session(long clientId, long lastSequence, Result lastResult) {}

  /**
   * A chunk of the state machine's state at a commit index: key, value pairs in key order, and
   * sessions in client order ({@link KvStateMachine#takeSnapshot} makes one chunk per key and one
   * for the sessions).
   */
  record Snapshot(List<String> keyValues, List<Session> sessions) {
    Snapshot {
      keyValues = List.copyOf(keyValues);
      sessions = List.copyOf(sessions);
    }
  }

  // ---- clients ----------------------------------------------------------------------------------

  /** A client's operation, sent by RPC to any server. */
  record Request(String op, String key, String value, String expected, long clientId, long sequence) {
    Command command() {
      return new Command(op, key, value, expected, clientId, sequence);
    }
  }

  /**
   * A server's answer: {@code ok} (with a get's value), {@code fail} (certainly not applied: a cas
   * whose compare failed, a read that could not be served) or {@code redirect} (not the leader,
   * nothing was appended; {@code leader} is the node believed to lead, or null). A write whose
   * fate is unknown gets an RPC error instead, which the client records as indefinite.
   */
  record Response(String status, String value, String leader) {
    static final String OK = "ok";
    static final String FAIL = "fail";
    static final String REDIRECT = "redirect";
  }
}
