package dev.hourglass.samples.raft;

import static com.google.common.base.Preconditions.checkArgument;

import dev.hourglass.samples.raft.Messages.ClientResponse;
import dev.hourglass.samples.raft.Messages.Command;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated state machine: a map of strings with get, put, append and cas, plus the client
 * sessions that make writes exactly-once.
 *
 * <p>De-duplication: each client numbers its requests, one outstanding at a time, so a session
 * remembers the last sequence it applied for a client and that write's response. A command whose
 * sequence is the last one is a retry or a network duplicate: it is not applied again, and gets
 * the remembered response. A command with an older sequence is a straggler the client has given
 * up on: it is not applied and gets no response ({@link Optional#empty()}). Every replica applies
 * the same commands in the same order, so every replica makes the same decisions.
 *
 * <p>Planted bug {@code no-dedup} ({@code dedup == false}) applies every write, so a duplicated
 * append is appended twice.
 */
final class KvStateMachine {
  /** The last write applied for a client and its response. */
  record Session(long lastSequence, ClientResponse lastResponse) {}

  private final boolean dedup;
  private final TreeMap<String, String> data = new TreeMap<>();
  private final TreeMap<Long, Session> sessions = new TreeMap<>();
  private long duplicatesSuppressed;

  KvStateMachine(boolean dedup) {
    this.dedup = dedup;
  }

  /**
   * Applies {@code command}; the response for its client, or empty for a straggler the client
   * has given up on (see the class comment).
   */
  Optional<ClientResponse> apply(Command command) {
    switch (command.op()) {
      case Messages.NOOP -> {
        return Optional.of(ClientResponse.ok(null));
      }
      case Messages.GET -> {
        return Optional.of(ClientResponse.ok(read(command.key())));
      }
      default -> {
        // a write: below
      }
    }
    checkArgument(command.isWrite(), "unknown operation: op=%s", command.op());
    if (dedup) {
      Session session = sessions.get(command.clientId());
      if (session != null && command.sequence() <= session.lastSequence()) {
        duplicatesSuppressed++;
        return command.sequence() == session.lastSequence() ? Optional.of(session.lastResponse()) : Optional.empty();
      }
    }
    ClientResponse response = write(command);
    sessions.put(command.clientId(), new Session(command.sequence(), response));
    return Optional.of(response);
  }

  private ClientResponse write(Command command) {
    String key = command.key();
    checkArgument(key != null, "a write needs a key: command=%s", command);
    String current = read(key);
    switch (command.op()) {
      case Messages.PUT -> data.put(key, nullToEmpty(command.value()));
      case Messages.APPEND -> data.put(key, current.concat(nullToEmpty(command.value())));
      case Messages.CAS -> {
        if (!current.equals(nullToEmpty(command.expected()))) {
          return ClientResponse.fail("cas: expected " + command.expected() + " but found " + current);
        }
        data.put(key, nullToEmpty(command.value()));
      }
      default -> throw new IllegalArgumentException("not a write: op=" + command.op());
    }
    return ClientResponse.ok(null);
  }

  /**
   * The response a write from this client with this sequence already got, if it was applied:
   * lets a leader answer a retry without appending it again. Empty when dedup is off.
   */
  Optional<ClientResponse> alreadyApplied(long clientId, long sequence) {
    if (!dedup) {
      return Optional.empty();
    }
    Session session = sessions.get(clientId);
    return session != null && session.lastSequence() == sequence ? Optional.of(session.lastResponse()) : Optional.empty();
  }

  /** True if a write from this client with this sequence is older than one already applied. */
  boolean isStraggler(long clientId, long sequence) {
    Session session = sessions.get(clientId);
    return dedup && session != null && sequence < session.lastSequence();
  }

  /** The value of {@code key}; a missing key reads as the empty string (as the kv model's). */
  String read(String key) {
    checkArgument(key != null, "a read needs a key");
    return data.getOrDefault(key, "");
  }

  /** How many duplicated or retried writes were answered without being applied again. */
  long duplicatesSuppressed() {
    return duplicatesSuppressed;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
