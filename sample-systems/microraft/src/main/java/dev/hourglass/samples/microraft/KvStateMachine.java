package dev.hourglass.samples.microraft;

import static com.google.common.base.Preconditions.checkArgument;

import dev.hourglass.runtime.NodeContext;
import dev.hourglass.samples.microraft.KvOps.Command;
import dev.hourglass.samples.microraft.KvOps.Result;
import dev.hourglass.samples.microraft.KvOps.Session;
import dev.hourglass.samples.microraft.KvOps.Snapshot;
import io.microraft.statemachine.StateMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The replicated KV state machine MicroRaft drives: get, put, append and cas on string keys (a
 * missing key reads as the empty string, as the kv model's), with client sessions.
 *
 * <p>De-duplication: the network may duplicate a client's request, and a leader then replicates it
 * twice. Each client numbers its requests and has one outstanding at a time, so a session keeps
 * the last sequence applied for a client and its result: a write whose sequence is not newer is
 * not applied again (the last one gets the remembered result; an older one is a straggler whose
 * client has moved on, and gets a failure nobody reads). Every replica applies the same log in the
 * same order, so every replica decides the same. Sessions are part of the snapshot.
 *
 * <p>Only MicroRaft's executor calls this class (one task at a time), so it needs no locking.
 * Its state lives in memory: after a restart MicroRaft rebuilds it from the restored snapshot and
 * log.
 */
final class KvStateMachine implements StateMachine {
  private final NodeContext ctx;
  private final TreeMap<String, String> data = new TreeMap<>();
  private final TreeMap<Long, Session> sessions = new TreeMap<>();

  KvStateMachine(NodeContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Object runOperation(long commitIndex, Object operation) {
    checkArgument(operation instanceof Command, "not a KV command at index %s: %s", commitIndex, operation);
    Command command = (Command) operation;
    switch (command.op()) {
      case KvOps.NOOP -> {
        return new Result(true, null);
      }
      case KvOps.GET -> {
        return new Result(true, read(command.key()));
      }
      default -> {
        // a write: below
      }
    }
    checkArgument(command.isWrite(), "unknown operation: op=%s", command.op());
    Session session = sessions.get(command.clientId());
    if (session != null && command.sequence() <= session.lastSequence()) {
      ctx.sometimes(true, "microraft: a duplicated client write was applied once");
      return command.sequence() == session.lastSequence() ? session.lastResult() : new Result(false, "straggler");
    }
    Result result = write(command);
    sessions.put(command.clientId(), new Session(command.clientId(), command.sequence(), result));
    return result;
  }

  private Result write(Command command) {
    String key = command.key();
    checkArgument(key != null, "a write needs a key: command=%s", command);
    String current = read(key);
    switch (command.op()) {
      case KvOps.PUT -> data.put(key, nullToEmpty(command.value()));
      case KvOps.APPEND -> data.put(key, current.concat(nullToEmpty(command.value())));
      case KvOps.CAS -> {
        if (!current.equals(nullToEmpty(command.expected()))) {
          return new Result(false, "cas: expected " + command.expected() + " but found " + current);
        }
        data.put(key, nullToEmpty(command.value()));
      }
      default -> throw new IllegalArgumentException("not a write: op=" + command.op());
    }
    return new Result(true, null);
  }

  private String read(String key) {
    checkArgument(key != null, "a read needs a key");
    return data.getOrDefault(key, "");
  }

  /**
   * One chunk per key, then one with the sessions: several chunks, so MicroRaft's chunked snapshot
   * transfer — a lagging follower collects chunks from the leader and from other followers — runs
   * for real.
   */
  @Override
  public void takeSnapshot(long commitIndex, Consumer<Object> snapshotChunkConsumer) {
    for (Map.Entry<String, String> e : data.entrySet()) {
      snapshotChunkConsumer.accept(new Snapshot(List.of(e.getKey(), e.getValue()), List.of()));
    }
    snapshotChunkConsumer.accept(new Snapshot(List.of(), new ArrayList<>(sessions.values())));
  }

  @Override
  public void installSnapshot(long commitIndex, List<Object> snapshotChunks) {
    ctx.sometimes(commitIndex > 0, "microraft: a snapshot was installed into the state machine");
    ctx.sometimes(snapshotChunks.size() > 2, "microraft: a snapshot of several chunks was installed");
    data.clear();
    sessions.clear();
    for (Object chunk : snapshotChunks) {
      checkArgument(chunk instanceof Snapshot, "not a KV snapshot chunk at index %s: %s", commitIndex, chunk);
      Snapshot s = (Snapshot) chunk;
      for (int i = 0; i + 1 < s.keyValues().size(); i += 2) {
        data.put(s.keyValues().get(i), s.keyValues().get(i + 1));
      }
      for (Session session : s.sessions()) {
        sessions.put(session.clientId(), session);
      }
    }
  }

  @Override
  public Object getNewTermOperation() {
    return new Command(KvOps.NOOP, null, null, null, -1, -1);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
