package dev.hourglass.samples.microraft;

import dev.hourglass.samples.microraft.KvOps.Command;
import dev.hourglass.samples.microraft.KvOps.Result;
import dev.hourglass.samples.microraft.KvOps.Session;
import dev.hourglass.samples.microraft.KvOps.Snapshot;
import io.microraft.RaftEndpoint;
import io.microraft.impl.statemachine.NoOp;
import io.microraft.model.RaftModelFactory;
import io.microraft.model.impl.DefaultRaftModelFactory;
import io.microraft.model.log.LogEntry;
import io.microraft.model.log.RaftGroupMembersView;
import io.microraft.model.log.SnapshotChunk;
import io.microraft.model.message.AppendEntriesFailureResponse;
import io.microraft.model.message.AppendEntriesRequest;
import io.microraft.model.message.AppendEntriesSuccessResponse;
import io.microraft.model.message.InstallSnapshotRequest;
import io.microraft.model.message.InstallSnapshotResponse;
import io.microraft.model.message.PreVoteRequest;
import io.microraft.model.message.PreVoteResponse;
import io.microraft.model.message.RaftMessage;
import io.microraft.model.message.TriggerLeaderElectionRequest;
import io.microraft.model.message.VoteRequest;
import io.microraft.model.message.VoteResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The binary form of MicroRaft's model objects — its ten messages, log entries, snapshot chunks,
 * group-member views — and of the KV store's operations, for the network and the disk.
 *
 * <p>Why our own codec: MicroRaft's default model classes are mutable builders behind interfaces
 * ({@code DefaultAppendEntriesRequestOrBuilder}), neither {@code Serializable} nor Jackson
 * beans, and MicroRaft leaves serialisation to the user (its {@link RaftModelFactory} exists so
 * that users plug in protobuf or the like). Sending the objects themselves would share a leader's
 * log entries with every follower that receives them — a mutation on either side would be seen by
 * the other, which no real network allows. So every message is encoded at the send and decoded,
 * into fresh objects built by the model factory, at the receiver: what a receiver gets is exactly
 * what the bytes say. The same encoding is the store's record format.
 *
 * <p>Every field of every model interface of MicroRaft 0.7 is written; a field added by a later
 * version would be lost, which the round-trip test ({@code WireTest}) is there to catch.
 */
final class Wire {
  private Wire() {}

  static final RaftModelFactory MODEL = new DefaultRaftModelFactory();

  private static final byte APPEND_ENTRIES_REQUEST = 1;
  private static final byte APPEND_ENTRIES_SUCCESS = 2;
  private static final byte APPEND_ENTRIES_FAILURE = 3;
  private static final byte INSTALL_SNAPSHOT_REQUEST = 4;
  private static final byte INSTALL_SNAPSHOT_RESPONSE = 5;
  private static final byte PRE_VOTE_REQUEST = 6;
  private static final byte PRE_VOTE_RESPONSE = 7;
  private static final byte TRIGGER_LEADER_ELECTION = 8;
  private static final byte VOTE_REQUEST = 9;
  private static final byte VOTE_RESPONSE = 10;

  private static final byte OP_NULL = 0;
  private static final byte OP_COMMAND = 1;
  private static final byte OP_NOOP = 2;
  private static final byte OP_SNAPSHOT = 3;

  /** A message on the simulated wire: MicroRaft's message, encoded. Never mutated after the send. */
  record Packet(byte[] bytes) {}

  // ---- messages ---------------------------------------------------------------------------------

  static byte[] encode(RaftMessage message) {
    return write(out -> writeMessage(out, message));
  }

  static RaftMessage decodeMessage(byte[] bytes) {
    return read(bytes, Wire::readMessage);
  }

  private static void writeMessage(DataOutputStream out, RaftMessage m) throws IOException {
    switch (m) {
      case AppendEntriesRequest r -> {
        header(out, APPEND_ENTRIES_REQUEST, m);
        out.writeInt(r.getPreviousLogTerm());
        out.writeLong(r.getPreviousLogIndex());
        out.writeLong(r.getCommitIndex());
        out.writeInt(r.getLogEntries().size());
        for (LogEntry e : r.getLogEntries()) {
          writeLogEntry(out, e);
        }
        out.writeLong(r.getQuerySequenceNumber());
        out.writeLong(r.getFlowControlSequenceNumber());
      }
      case AppendEntriesSuccessResponse r -> {
        header(out, APPEND_ENTRIES_SUCCESS, m);
        out.writeLong(r.getLastLogIndex());
        out.writeLong(r.getQuerySequenceNumber());
        out.writeLong(r.getFlowControlSequenceNumber());
      }
      case AppendEntriesFailureResponse r -> {
        header(out, APPEND_ENTRIES_FAILURE, m);
        out.writeLong(r.getExpectedNextIndex());
        out.writeLong(r.getQuerySequenceNumber());
        out.writeLong(r.getFlowControlSequenceNumber());
      }
      case InstallSnapshotRequest r -> {
        header(out, INSTALL_SNAPSHOT_REQUEST, m);
        out.writeBoolean(r.isSenderLeader());
        out.writeInt(r.getSnapshotTerm());
        out.writeLong(r.getSnapshotIndex());
        out.writeInt(r.getTotalSnapshotChunkCount());
        out.writeBoolean(r.getSnapshotChunk() != null);
        if (r.getSnapshotChunk() != null) {
          writeSnapshotChunk(out, r.getSnapshotChunk());
        }
        writeEndpoints(out, r.getSnapshottedMembers());
        writeView(out, r.getGroupMembersView());
        out.writeLong(r.getQuerySequenceNumber());
        out.writeLong(r.getFlowControlSequenceNumber());
      }
      case InstallSnapshotResponse r -> {
        header(out, INSTALL_SNAPSHOT_RESPONSE, m);
        out.writeLong(r.getSnapshotIndex());
        out.writeInt(r.getRequestedSnapshotChunkIndex());
        out.writeLong(r.getQuerySequenceNumber());
        out.writeLong(r.getFlowControlSequenceNumber());
      }
      case PreVoteRequest r -> {
        header(out, PRE_VOTE_REQUEST, m);
        out.writeInt(r.getLastLogTerm());
        out.writeLong(r.getLastLogIndex());
      }
      case PreVoteResponse r -> {
        header(out, PRE_VOTE_RESPONSE, m);
        out.writeBoolean(r.isGranted());
      }
      case TriggerLeaderElectionRequest r -> {
        header(out, TRIGGER_LEADER_ELECTION, m);
        out.writeInt(r.getLastLogTerm());
        out.writeLong(r.getLastLogIndex());
      }
      case VoteRequest r -> {
        header(out, VOTE_REQUEST, m);
        out.writeInt(r.getLastLogTerm());
        out.writeLong(r.getLastLogIndex());
        out.writeBoolean(r.isSticky());
      }
      case VoteResponse r -> {
        header(out, VOTE_RESPONSE, m);
        out.writeBoolean(r.isGranted());
      }
      default -> throw new IllegalArgumentException("no wire format for MicroRaft message " + m.getClass().getName());
    }
  }

  private static void header(DataOutputStream out, byte type, RaftMessage m) throws IOException {
    out.writeByte(type);
    writeString(out, (String) m.getGroupId());
    writeEndpoint(out, m.getSender());
    out.writeInt(m.getTerm());
  }

  private static RaftMessage readMessage(DataInputStream in) throws IOException {
    byte type = in.readByte();
    String groupId = readString(in);
    RaftEndpoint sender = readEndpoint(in);
    int term = in.readInt();
    return switch (type) {
      case APPEND_ENTRIES_REQUEST -> {
        var b = MODEL.createAppendEntriesRequestBuilder().setGroupId(groupId).setSender(sender).setTerm(term);
        b.setPreviousLogTerm(in.readInt()).setPreviousLogIndex(in.readLong()).setCommitIndex(in.readLong());
        int n = in.readInt();
        List<LogEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          entries.add(readLogEntry(in));
        }
        yield b.setLogEntries(entries).setQuerySequenceNumber(in.readLong()).setFlowControlSequenceNumber(in.readLong()).build();
      }
      case APPEND_ENTRIES_SUCCESS -> MODEL.createAppendEntriesSuccessResponseBuilder().setGroupId(groupId).setSender(sender)
          .setTerm(term).setLastLogIndex(in.readLong()).setQuerySequenceNumber(in.readLong())
          .setFlowControlSequenceNumber(in.readLong()).build();
      case APPEND_ENTRIES_FAILURE -> MODEL.createAppendEntriesFailureResponseBuilder().setGroupId(groupId).setSender(sender)
          .setTerm(term).setExpectedNextIndex(in.readLong()).setQuerySequenceNumber(in.readLong())
          .setFlowControlSequenceNumber(in.readLong()).build();
      case INSTALL_SNAPSHOT_REQUEST -> {
        var b = MODEL.createInstallSnapshotRequestBuilder().setGroupId(groupId).setSender(sender).setTerm(term);
        b.setSenderLeader(in.readBoolean()).setSnapshotTerm(in.readInt()).setSnapshotIndex(in.readLong())
            .setTotalSnapshotChunkCount(in.readInt());
        b.setSnapshotChunk(in.readBoolean() ? readSnapshotChunk(in) : null);
        b.setSnapshottedMembers(readEndpoints(in)).setGroupMembersView(readView(in));
        yield b.setQuerySequenceNumber(in.readLong()).setFlowControlSequenceNumber(in.readLong()).build();
      }
      case INSTALL_SNAPSHOT_RESPONSE -> MODEL.createInstallSnapshotResponseBuilder().setGroupId(groupId).setSender(sender)
          .setTerm(term).setSnapshotIndex(in.readLong()).setRequestedSnapshotChunkIndex(in.readInt())
          .setQuerySequenceNumber(in.readLong()).setFlowControlSequenceNumber(in.readLong()).build();
      case PRE_VOTE_REQUEST -> MODEL.createPreVoteRequestBuilder().setGroupId(groupId).setSender(sender).setTerm(term)
          .setLastLogTerm(in.readInt()).setLastLogIndex(in.readLong()).build();
      case PRE_VOTE_RESPONSE -> MODEL.createPreVoteResponseBuilder().setGroupId(groupId).setSender(sender).setTerm(term)
          .setGranted(in.readBoolean()).build();
      case TRIGGER_LEADER_ELECTION -> MODEL.createTriggerLeaderElectionRequestBuilder().setGroupId(groupId).setSender(sender)
          .setTerm(term).setLastLogTerm(in.readInt()).setLastLogIndex(in.readLong()).build();
      case VOTE_REQUEST -> MODEL.createVoteRequestBuilder().setGroupId(groupId).setSender(sender).setTerm(term)
          .setLastLogTerm(in.readInt()).setLastLogIndex(in.readLong()).setSticky(in.readBoolean()).build();
      case VOTE_RESPONSE -> MODEL.createVoteResponseBuilder().setGroupId(groupId).setSender(sender).setTerm(term)
          .setGranted(in.readBoolean()).build();
      default -> throw new IOException("unknown message type " + type);
    };
  }

  // ---- log entries, snapshots, views ------------------------------------------------------------

  static void writeLogEntry(DataOutputStream out, LogEntry e) throws IOException {
    out.writeLong(e.getIndex());
    out.writeInt(e.getTerm());
    writeOperation(out, e.getOperation());
  }

  static LogEntry readLogEntry(DataInputStream in) throws IOException {
    return MODEL.createLogEntryBuilder().setIndex(in.readLong()).setTerm(in.readInt()).setOperation(readOperation(in)).build();
  }

  static void writeSnapshotChunk(DataOutputStream out, SnapshotChunk c) throws IOException {
    out.writeLong(c.getIndex());
    out.writeInt(c.getTerm());
    writeOperation(out, c.getOperation());
    out.writeInt(c.getSnapshotChunkIndex());
    out.writeInt(c.getSnapshotChunkCount());
    writeView(out, c.getGroupMembersView());
  }

  static SnapshotChunk readSnapshotChunk(DataInputStream in) throws IOException {
    return MODEL.createSnapshotChunkBuilder().setIndex(in.readLong()).setTerm(in.readInt()).setOperation(readOperation(in))
        .setSnapshotChunkIndex(in.readInt()).setSnapshotChunkCount(in.readInt()).setGroupMembersView(readView(in)).build();
  }

  static void writeView(DataOutputStream out, RaftGroupMembersView v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeLong(v.getLogIndex());
      writeEndpoints(out, v.getMembers());
      writeEndpoints(out, v.getVotingMembers());
    }
  }

  static RaftGroupMembersView readView(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    return MODEL.createRaftGroupMembersViewBuilder().setLogIndex(in.readLong()).setMembers(readEndpoints(in))
        .setVotingMembers(readEndpoints(in)).build();
  }

  private static void writeOperation(DataOutputStream out, Object op) throws IOException {
    switch (op) {
      case null -> out.writeByte(OP_NULL);
      case Command c -> {
        out.writeByte(OP_COMMAND);
        writeString(out, c.op());
        writeString(out, c.key());
        writeString(out, c.value());
        writeString(out, c.expected());
        out.writeLong(c.clientId());
        out.writeLong(c.sequence());
      }
      case NoOp n -> out.writeByte(OP_NOOP);
      case Snapshot s -> {
        out.writeByte(OP_SNAPSHOT);
        out.writeInt(s.keyValues().size());
        for (String kv : s.keyValues()) {
          writeString(out, kv);
        }
        out.writeInt(s.sessions().size());
        for (Session session : s.sessions()) {
          out.writeLong(session.clientId());
          out.writeLong(session.lastSequence());
          out.writeBoolean(session.lastResult().ok());
          writeString(out, session.lastResult().value());
        }
      }
      // Membership changes (UpdateRaftGroupMembersOp) are not part of this scenario.
      default -> throw new IllegalArgumentException("no wire format for log operation " + op.getClass().getName() + ": " + op);
    }
  }

  private static Object readOperation(DataInputStream in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case OP_NULL -> null;
      case OP_COMMAND -> new Command(readString(in), readString(in), readString(in), readString(in), in.readLong(), in.readLong());
      case OP_NOOP -> NoOp.INSTANCE;
      case OP_SNAPSHOT -> {
        int n = in.readInt();
        List<String> kvs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          kvs.add(readString(in));
        }
        int m = in.readInt();
        List<Session> sessions = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
          sessions.add(new Session(in.readLong(), in.readLong(), new Result(in.readBoolean(), readString(in))));
        }
        yield new Snapshot(kvs, sessions);
      }
      default -> throw new IOException("unknown operation tag " + tag);
    };
  }

  // ---- primitives -------------------------------------------------------------------------------

  static void writeEndpoint(DataOutputStream out, RaftEndpoint e) throws IOException {
    writeString(out, e == null ? null : (String) e.getId());
  }

  static RaftEndpoint readEndpoint(DataInputStream in) throws IOException {
    String id = readString(in);
    return id == null ? null : new SimEndpoint(id);
  }

  private static void writeEndpoints(DataOutputStream out, Collection<RaftEndpoint> endpoints) throws IOException {
    out.writeBoolean(endpoints != null);
    if (endpoints != null) {
      out.writeInt(endpoints.size());
      for (RaftEndpoint e : endpoints) {
        writeEndpoint(out, e);
      }
    }
  }

  private static List<RaftEndpoint> readEndpoints(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    int n = in.readInt();
    List<RaftEndpoint> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(readEndpoint(in));
    }
    return list;
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  static String readString(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  /** Something that writes to a data stream. */
  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  /** Something that reads from a data stream. */
  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  static <T> T read(byte[] bytes, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      T value = reader.read(in);
      if (in.available() != 0) {
        throw new IOException(in.available() + " bytes left over");
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed wire bytes: " + e.getMessage(), e);
    }
  }
}
