package dev.hourglass.samples.raft;

import java.util.List;

/**
 * What the Raft KV store puts on the wire and in its log: the peer protocol (Raft's RequestVote
 * and AppendEntries with their replies), the client protocol, and the commands the log carries.
 * All are records of strings, numbers and lists, so they cross the simulated wire (a Jackson
 * round trip) unchanged, and immutable, so sharing one between a node's log and a message is
 * safe.
 */
final class Messages {
  private Messages() {}

  /** The operations a command can carry. {@code NOOP} is the entry a new leader commits first. */
  static final String NOOP = "noop";
  static final String GET = "get";
  static final String PUT = "put";
  static final String APPEND = "append";
  static final String CAS = "cas";

  /**
   * A state-machine command. {@code clientId} and {@code sequence} identify a client's request, so
   * that a retried or duplicated write is applied once; {@code expected} is a cas's compare value.
   * Nulls: {@code key}, {@code value} and {@code expected} are null where the operation has none.
   */
  record Command(String op, String key, String value, String expected, long clientId, long sequence) {
    static Command noop() {
      return new Command(NOOP, null, null, null, -1, -1);
    }

    boolean isWrite() {
      return op.equals(PUT) || op.equals(APPEND) || op.equals(CAS);
    }
  }

  /** One log entry: the term it was created in and its command. Its index is its position. */
  record Entry(long term, Command command) {}

  // ---- peers ------------------------------------------------------------------------------------

  /** A candidate asks for a vote in {@code term}. */
  record RequestVote(long term, String candidate, long lastLogIndex, long lastLogTerm) {}

  /** The answer to a {@link RequestVote}; {@code term} is the voter's current term. */
  record VoteReply(long term, String voter, boolean granted) {}

  /**
   * The leader replicates {@code entries} after {@code prevLogIndex}; empty entries is a heartbeat.
   * {@code round} numbers the leader's broadcasts, so that a read can wait for a majority to
   * acknowledge a round that started after it arrived (the read-index confirmation).
   */
  record AppendEntries(
      long term, String leader, long prevLogIndex, long prevLogTerm, List<Entry> entries, long leaderCommit, long round) {
    AppendEntries {
      entries = List.copyOf(entries);
    }
  }

  /**
   * The answer to an {@link AppendEntries}. On success {@code matchIndex} is the last index known
   * to match the leader and durable on the follower; on failure {@code conflictIndex} is where the
   * leader should try next.
   */
  record AppendReply(long term, String follower, boolean success, long matchIndex, long conflictIndex, long round) {}

  // ---- clients ----------------------------------------------------------------------------------

  /** A client's operation, sent by RPC; {@code sequence} increases per client. */
  record ClientRequest(String op, String key, String value, String expected, long clientId, long sequence) {
    Command command() {
      return new Command(op, key, value, expected, clientId, sequence);
    }
  }

  /**
   * The answer to a {@link ClientRequest}: {@code status} is {@code ok} (with a get's {@code
   * value}), {@code fail} (a cas whose compare failed: certainly not applied) or {@code redirect}
   * (not the leader; {@code leader} is the node believed to be, or null). A request that may or
   * may not have been applied gets no ClientResponse at all but an RPC error, which the client
   * records as indefinite.
   */
  record ClientResponse(String status, String value, String leader) {
    static final String OK = "ok";
    static final String FAIL = "fail";
    static final String REDIRECT = "redirect";

    static ClientResponse ok(String value) {
      return new ClientResponse(OK, value, null);
    }

    static ClientResponse fail(String reason) {
      return new ClientResponse(FAIL, reason, null);
    }

    static ClientResponse redirect(String leader) {
      return new ClientResponse(REDIRECT, null, leader);
    }
  }
}
