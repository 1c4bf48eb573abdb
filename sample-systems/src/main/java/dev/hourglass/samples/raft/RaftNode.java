package dev.hourglass.samples.raft;

import dev.hourglass.network.Endpoint;
import dev.hourglass.runtime.Node;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.samples.raft.DiskFormat.Meta;
import dev.hourglass.samples.raft.Messages.AppendEntries;
import dev.hourglass.samples.raft.Messages.AppendReply;
import dev.hourglass.samples.raft.Messages.ClientRequest;
import dev.hourglass.samples.raft.Messages.ClientResponse;
import dev.hourglass.samples.raft.Messages.Command;
import dev.hourglass.samples.raft.Messages.Entry;
import dev.hourglass.samples.raft.Messages.RequestVote;
import dev.hourglass.samples.raft.Messages.VoteReply;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One server of the Raft KV store, written as callbacks: follower, candidate and leader (Ongaro
 * and Ousterhout, figure 2), over the simulated network and disk.
 *
 * <p>What makes it correct, and where each planted bug breaks it ({@link RaftConfig}):
 *
 * <ul>
 *   <li>Every reply waits until the state it reports is durable ({@link Storage#afterDurable}) —
 *       a granted vote is written and fsynced first ({@code vote-not-persisted} answers at once);
 *       an acknowledgement covers only entries on disk; a leader counts its own entries only once
 *       they are on disk.
 *   <li>A follower appends only after the entry before the new ones matches the leader's in
 *       index and term ({@code no-prev-log-check} skips the term).
 *   <li>A leader commits by counting replicas only entries of its own term; earlier ones commit
 *       with them ({@code commit-old-term} counts any entry: figure 8).
 *   <li>Reads go through the read-index protocol ({@link ReadIndex}; {@code stale-leader-read}
 *       answers from local state).
 *   <li>Writes carry the client's id and sequence and are applied at most once ({@link
 *       KvStateMachine}; {@code no-dedup}).
 * </ul>
 *
 * <p>A write that may or may not commit — the leader lost its leadership after appending it — is
 * answered with an RPC error, which the client records as indefinite; only requests that were
 * certainly not appended are redirected.
 *
 * <p>Fault points ({@code buggify}), each harmless to a correct store and each widening a window
 * some bug needs:
 *
 * <ul>
 *   <li>{@code raft.exit-after-vote}, {@code raft.exit-after-ack}: the process exits right after
 *       it sent a vote or an acknowledgement — what it said must already be on disk;
 *   <li>{@code raft.leader-exit}: a leader exits at a heartbeat (more elections, more leaders
 *       whose last entries reached only some followers);
 *   <li>{@code raft.lagging-followers}: a new leader replicates to each follower only with
 *       heartbeats for a while (a backed-up connection, flow control), so its entries reach some
 *       followers long before others — or, before it fails, none;
 *   <li>{@code raft.leader-slow-start}: a new leader waits before appending its no-op, replicating
 *       only earlier terms' entries meanwhile — the window in which counting replicas of those is
 *       wrong (figure 8).
 * </ul>
 */
final class RaftNode implements Node {
  enum Role {
    FOLLOWER,
    CANDIDATE,
    LEADER
  }

  private record PendingWrite(long term, SimFuture<ClientResponse> future) {}

  private final NodeContext ctx;
  private final RaftConfig config;
  private final List<String> peerNames;
  private final RaftObserver observer;
  private final Supervisor supervisor;
  private final String self;
  private final int majority;
  private final List<NodeRef> peers = new ArrayList<>();
  private Endpoint endpoint;
  private Storage storage; // null until recovered
  private RaftLog log;
  private KvStateMachine sm;

  private Role role = Role.FOLLOWER;
  private long currentTerm;
  private String votedFor;
  private String leaderId;
  private long commitIndex;
  private long lastApplied;
  private long electionTimer = -1;
  // candidate
  private final Set<String> votes = new LinkedHashSet<>();
  // leader
  private final Followers followers;
  private final TreeMap<Long, PendingWrite> pendingWrites = new TreeMap<>();
  private final ReadIndex reads;
  private long termStartIndex;

  RaftNode(NodeContext ctx, RaftConfig config, List<String> servers, RaftObserver observer, Supervisor supervisor) {
    this.ctx = ctx;
    this.config = config;
    this.self = ctx.name();
    this.peerNames = servers.stream().filter(s -> !s.equals(self)).toList();
    this.majority = servers.size() / 2 + 1;
    this.observer = observer;
    this.supervisor = supervisor;
    this.followers = new Followers(peerNames);
    this.reads = new ReadIndex(peerNames.size());
  }

  @Override
  public void onStart() {
    peerNames.forEach(p -> peers.add(ctx.simulation().node(p)));
    endpoint = ctx.component(Endpoint.class);
    endpoint.onMessage((from, message) -> {
      if (storage != null) {
        onMessage(from, message);
      }
    });
    endpoint.rpc().serve((from, request) -> {
      try {
        return onClientRequest((ClientRequest) request);
      } catch (RuntimeException e) {
        throw new AssertionError("uncaught serving " + request + ": " + e, e); // a bug of ours, not the client's
      }
    });
    DiskIo io = new DiskIo(ctx, config.sectorBytes(), why -> supervisor.exit(ctx, why));
    DiskIo.on(Storage.recover(io), (recovered, error) -> {
      if (error != null) {
        supervisor.exit(ctx, "recovery failed: " + error);
        return;
      }
      storage = recovered;
      storage.onProgress(this::onDurable);
      log = recovered.log();
      observer.attach(self, log);
      currentTerm = recovered.meta().term();
      votedFor = recovered.meta().votedFor();
      sm = new KvStateMachine(!config.bug(RaftConfig.NO_DEDUP));
      ctx.log().debug("recovered term={} votedFor={} lastIndex={}", currentTerm, votedFor, log.lastIndex());
      resetElectionTimer();
    });
  }

  // ---- messages ---------------------------------------------------------------------------------

  private void onMessage(NodeRef from, Object message) {
    switch (message) {
      case RequestVote rv -> onRequestVote(from, rv);
      case VoteReply vr -> onVoteReply(vr);
      case AppendEntries ae -> onAppendEntries(from, ae);
      case AppendReply ar -> onAppendReply(ar);
      default -> throw new IllegalArgumentException("unexpected message " + message);
    }
  }

  // ---- elections --------------------------------------------------------------------------------

  private void resetElectionTimer() {
    if (electionTimer >= 0) {
      ctx.cancel(electionTimer);
    }
    long timeout = ctx.random().nextLong(config.electionTimeoutNanosMin(), config.electionTimeoutNanosMax());
    electionTimer = ctx.schedule(timeout, "raft.election-timeout", currentTerm, this::startElection);
  }

  private void startElection() {
    electionTimer = -1;
    if (role == Role.LEADER) {
      return;
    }
    role = Role.CANDIDATE;
    currentTerm++;
    votedFor = self;
    leaderId = null;
    votes.clear();
    votes.add(self);
    persistMeta();
    resetElectionTimer();
    long term = currentTerm;
    // Our own vote counts only once it is durable: ask for the others' after that.
    storage.afterDurable(() -> {
      if (role != Role.CANDIDATE || currentTerm != term) {
        return;
      }
      RequestVote request = new RequestVote(term, self, log.lastIndex(), log.lastTerm());
      peers.forEach(p -> endpoint.send(p, request));
      if (votes.size() >= majority) {
        becomeLeader();
      }
    });
  }

  private void onRequestVote(NodeRef from, RequestVote rv) {
    if (rv.term() > currentTerm) {
      stepDown(rv.term());
    }
    boolean upToDate = rv.lastLogTerm() > log.lastTerm()
        || (rv.lastLogTerm() == log.lastTerm() && rv.lastLogIndex() >= log.lastIndex());
    boolean grant = rv.term() == currentTerm && (votedFor == null || votedFor.equals(rv.candidate())) && upToDate;
    long term = currentTerm;
    if (grant) {
      votedFor = rv.candidate();
      persistMeta();
      resetElectionTimer();
    }
    Runnable reply = () -> {
      if (grant) {
        if (currentTerm != term || !rv.candidate().equals(votedFor)) {
          return; // moved on before the vote was durable: say nothing
        }
        observer.voted(self, term, rv.candidate());
      }
      endpoint.send(from, new VoteReply(term, self, grant));
      if (grant && ctx.buggify("raft.exit-after-vote")) {
        supervisor.exit(ctx, "fault point: exit right after voting");
      }
    };
    if (grant && config.bug(RaftConfig.VOTE_NOT_PERSISTED)) {
      reply.run();
    } else {
      storage.afterDurable(reply);
    }
  }

  private void onVoteReply(VoteReply vr) {
    if (vr.term() > currentTerm) {
      stepDown(vr.term());
      return;
    }
    if (role != Role.CANDIDATE || vr.term() != currentTerm || !vr.granted()) {
      return;
    }
    votes.add(vr.voter());
    if (votes.size() >= majority) {
      becomeLeader();
    }
  }

  private void becomeLeader() {
    if (role != Role.CANDIDATE) {
      ctx.always(false, "only a candidate becomes leader: role=" + role);
    }
    ctx.sometimes(votes.size() == majority, "an election was won by exactly a majority");
    role = Role.LEADER;
    leaderId = self;
    if (electionTimer >= 0) {
      ctx.cancel(electionTimer);
      electionTimer = -1;
    }
    observer.becameLeader(self, currentTerm, log);
    ctx.log().debug("leader of term {} (lastIndex={})", currentTerm, log.lastIndex());
    long now = ctx.clockNanos();
    followers.reset(log.lastIndex() + 1, now);
    if (ctx.buggify("raft.lagging-followers")) {
      for (int p = 0; p < followers.size(); p++) {
        followers.lagUntil(p, now + ctx.random().nextLong(config.heartbeatNanos(), 2 * config.electionTimeoutNanosMax()));
      }
    }
    reads.reset();
    reads.nextRound();
    broadcast(false); // announce the leadership at once
    long term = currentTerm;
    ctx.schedule(config.heartbeatNanos(), "raft.heartbeat", term, () -> heartbeat(term));
    termStartIndex = Long.MAX_VALUE; // no reads, no writes until the no-op is in the log
    if (ctx.buggify("raft.leader-slow-start")) {
      long delay = ctx.random().nextLong(config.heartbeatNanos(), config.electionTimeoutNanosMax());
      ctx.schedule(delay, "raft.noop", term, () -> appendNoop(term));
    } else {
      appendNoop(term);
    }
  }

  /**
   * The no-op: committing an entry of our own term commits every earlier one with it, and tells
   * the read index where the earlier leaders' commits end.
   */
  private void appendNoop(long term) {
    if (role != Role.LEADER || currentTerm != term) {
      return;
    }
    log.append(new Entry(currentTerm, Command.noop()));
    termStartIndex = log.lastIndex();
    broadcast(true);
  }

  /** Adopts a higher term (durably), or gives up leadership or candidacy in this one. */
  private void stepDown(long term) {
    if (term > currentTerm) {
      currentTerm = term;
      votedFor = null;
      leaderId = null;
      persistMeta();
    }
    if (role == Role.LEADER) {
      loseLeadership();
    }
    role = Role.FOLLOWER;
    if (electionTimer < 0) {
      resetElectionTimer();
    }
  }

  private void loseLeadership() {
    ctx.log().debug("no longer leader of term {}", currentTerm);
    for (PendingWrite w : pendingWrites.values()) {
      // Appended but not known to be committed: it may still commit under a later leader.
      w.future().completeExceptionally(new IllegalStateException("leadership lost; the write may or may not commit"));
    }
    pendingWrites.clear();
    reads.redirectAll(leaderId != null && !leaderId.equals(self) ? leaderId : null);
    followers.clear();
  }

  private void persistMeta() {
    storage.saveMeta(new Meta(currentTerm, votedFor));
  }

  // ---- replication: leader ----------------------------------------------------------------------

  private void heartbeat(long term) {
    if (role != Role.LEADER || currentTerm != term) {
      return;
    }
    // Check quorum: a leader that has not heard from a majority for an election timeout steps
    // down, so that a leader cut off from the cluster stops holding clients' requests.
    if (1 + followers.heardWithin(ctx.clockNanos(), config.electionTimeoutNanosMin()) < majority) {
      ctx.reachable("a leader stepped down: no majority heard within an election timeout");
      role = Role.FOLLOWER;
      leaderId = null;
      loseLeadership();
      resetElectionTimer();
      return;
    }
    if (ctx.buggify("raft.leader-exit")) {
      supervisor.exit(ctx, "fault point: a leader exits");
      return;
    }
    reads.nextRound();
    broadcast(true);
    ctx.schedule(config.heartbeatNanos(), "raft.heartbeat", term, () -> heartbeat(term));
  }

  private void broadcast(boolean withEntries) {
    for (int p = 0; p < followers.size(); p++) {
      sendAppend(p, withEntries);
    }
  }

  /** Sends peer number {@code peer} the entries from its next index on (optimistically assumed to arrive). */
  private void sendAppend(int peer, boolean withEntries) {
    long next = followers.next(peer);
    long prev = next - 1;
    withEntries &= !lagging(peer);
    List<Entry> entries = withEntries && next <= log.lastIndex()
        ? log.slice(next, Math.min(log.lastIndex(), next + config.entriesPerMessageMax() - 1))
        : List.of();
    endpoint.send(peers.get(peer), new AppendEntries(currentTerm, self, prev, log.termAt(prev), entries, commitIndex, reads.round()));
    followers.sent(peer, next + entries.size());
  }

  private boolean lagging(int peer) {
    return followers.lagging(peer, ctx.clockNanos());
  }

  private void onAppendReply(AppendReply r) {
    if (r.term() > currentTerm) {
      stepDown(r.term());
      return;
    }
    if (role != Role.LEADER || r.term() != currentTerm) {
      return;
    }
    int peer = followers.indexOf(r.follower());
    followers.heard(peer, ctx.clockNanos());
    reads.acknowledged(peer, r.round());
    if (r.success()) {
      if (followers.matched(peer, r.matchIndex())) {
        advanceCommit();
      }
    } else {
      followers.conflict(peer, r.conflictIndex());
    }
    // More to send: at once, unless this follower lags (then at the next heartbeat).
    if (role == Role.LEADER && (!r.success() || followers.next(peer) <= log.lastIndex()) && !lagging(peer)) {
      sendAppend(peer, true);
    }
    answerReads();
  }

  /** Commits the highest index a majority holds durably — if it is of this term (figure 8). */
  private void advanceCommit() {
    long n = followers.majorityMatch(log.durableIndex(), majority);
    if (n <= commitIndex) {
      return;
    }
    if (log.termAt(n) != currentTerm) {
      ctx.sometimes(true, "a leader held back an entry of an earlier term that a majority stores");
      if (!config.bug(RaftConfig.COMMIT_OLD_TERM)) {
        return;
      }
    }
    commitIndex = n;
    observer.committed(self, log, n);
    applyCommitted();
  }

  // ---- replication: follower --------------------------------------------------------------------

  private void onAppendEntries(NodeRef from, AppendEntries ae) {
    if (ae.term() < currentTerm) {
      endpoint.send(from, new AppendReply(currentTerm, self, false, 0, 0, ae.round()));
      return;
    }
    if (ae.term() > currentTerm) {
      stepDown(ae.term());
    }
    if (role == Role.LEADER) {
      ctx.always(false, "two leaders in term " + currentTerm + ": " + self + " and " + ae.leader());
    }
    role = Role.FOLLOWER;
    leaderId = ae.leader();
    resetElectionTimer();
    long term = currentTerm;
    long prev = ae.prevLogIndex();
    if (prev > log.lastIndex()) {
      replyAfterDurable(from, term, false, 0, log.lastIndex() + 1, ae.round(), 0);
      return;
    }
    if (log.termAt(prev) != ae.prevLogTerm() && !config.bug(RaftConfig.NO_PREV_LOG_CHECK)) {
      long conflict = Math.max(1, Math.min(prev, Math.max(log.firstIndexOfTerm(prev), commitIndex + 1)));
      replyAfterDurable(from, term, false, 0, conflict, ae.round(), 0);
      return;
    }
    List<Entry> entries = ae.entries();
    for (int k = 0; k < entries.size(); k++) {
      long index = prev + 1 + k;
      if (index <= log.lastIndex() && log.termAt(index) == entries.get(k).term()) {
        continue; // already have it
      }
      if (index <= log.lastIndex()) {
        if (index <= commitIndex) {
          ctx.always(false, self + " truncates committed entry " + index + " (commitIndex=" + commitIndex + ")");
        }
        ctx.sometimes(true, "a follower truncated a conflicting suffix");
      }
      log.replaceFrom(index, entries.subList(k, entries.size()));
      break;
    }
    long match = prev + entries.size();
    long newCommit = Math.min(ae.leaderCommit(), match);
    if (newCommit > commitIndex) {
      commitIndex = newCommit;
      applyCommitted();
    }
    replyAfterDurable(from, term, true, match, 0, ae.round(), log.termAt(match));
  }

  /**
   * Replies once every change so far is durable — if by then nothing has overtaken it: the term
   * is the same and (on success) the entry at {@code match} is still the one acknowledged.
   */
  private void replyAfterDurable(NodeRef to, long term, boolean success, long match, long conflict, long round, long matchTerm) {
    storage.afterDurable(() -> {
      if (currentTerm != term) {
        return;
      }
      if (success && (match > log.durableIndex() || log.termAt(match) != matchTerm)) {
        return;
      }
      endpoint.send(to, new AppendReply(term, self, success, match, conflict, round));
      if (success && ctx.buggify("raft.exit-after-ack")) {
        supervisor.exit(ctx, "fault point: exit right after acknowledging entries");
      }
    });
  }

  // ---- the state machine ------------------------------------------------------------------------

  private void applyCommitted() {
    if (commitIndex > log.lastIndex()) {
      ctx.always(false, self + " commitIndex=" + commitIndex + " beyond lastIndex=" + log.lastIndex());
    }
    while (lastApplied < commitIndex) {
      lastApplied++;
      Entry entry = log.entry(lastApplied);
      observer.applied(self, currentTerm, lastApplied, entry);
      Optional<ClientResponse> response = sm.apply(entry.command());
      PendingWrite w = pendingWrites.remove(lastApplied);
      if (w != null) {
        if (w.term() == entry.term() && response.isPresent()) {
          w.future().complete(response.get());
        } else {
          w.future().completeExceptionally(new IllegalStateException("entry " + lastApplied + " was replaced"));
        }
      }
    }
    if (role == Role.LEADER) {
      answerReads();
    }
  }

  // ---- clients ----------------------------------------------------------------------------------

  private Object onClientRequest(ClientRequest request) {
    if (storage == null || role != Role.LEADER) {
      return ClientResponse.redirect(storage == null ? null : leaderId);
    }
    if (termStartIndex == Long.MAX_VALUE && !request.op().equals(Messages.GET)) {
      return ClientResponse.redirect(self); // not appended; the no-op comes first — ask again
    }
    if (request.op().equals(Messages.GET)) {
      if (config.bug(RaftConfig.STALE_LEADER_READ)) {
        return ClientResponse.ok(sm.read(request.key()));
      }
      if (reads.size() >= config.pendingRequestsMax()) {
        return ClientResponse.redirect(null);
      }
      SimFuture<ClientResponse> future = ctx.newFuture();
      reads.add(request.key(), future);
      answerReads();
      return future;
    }
    Optional<ClientResponse> done = sm.alreadyApplied(request.clientId(), request.sequence());
    if (done.isPresent()) {
      ctx.sometimes(true, "a retried write was answered from its session");
      return done.get();
    }
    if (sm.isStraggler(request.clientId(), request.sequence()) || pendingWrites.size() >= config.pendingRequestsMax()) {
      return ClientResponse.redirect(null); // not appended: certainly not applied
    }
    log.append(new Entry(currentTerm, request.command()));
    SimFuture<ClientResponse> future = ctx.newFuture();
    pendingWrites.put(log.lastIndex(), new PendingWrite(currentTerm, future));
    broadcast(true);
    advanceCommit(); // a single-node cluster commits on its own durability
    return future;
  }

  /** Starts the reads that waited for this term's first commit, and answers the ready ones. */
  private void answerReads() {
    if (commitIndex >= termStartIndex && reads.startWaiting(commitIndex)) {
      broadcast(false);
    }
    reads.answerReady(majority, lastApplied, sm);
  }

  // ---- durability callbacks ---------------------------------------------------------------------

  /** More of this node's state is durable: as leader, its own entries may now complete a majority. */
  private void onDurable() {
    if (role == Role.LEADER) {
      advanceCommit();
    }
  }
}
