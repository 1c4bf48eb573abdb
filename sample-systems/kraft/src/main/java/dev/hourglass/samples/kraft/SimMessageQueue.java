package dev.hourglass.samples.kraft;

import java.util.ArrayDeque;
import org.apache.kafka.raft.RaftMessage;
import org.apache.kafka.raft.RaftMessageQueue;

/**
 * KafkaRaftClient's inbox, made non-blocking. Kafka's own {@code BlockingMessageQueue} blocks the
 * polling thread for up to {@code timeout} ms; here {@code poll(timeout)} returns at once and
 * remembers the timeout, which is exactly when the client next needs polling if nothing arrives.
 * {@code add} and {@code wakeup} ask the node to poll again now.
 */
final class SimMessageQueue implements RaftMessageQueue {
  /** Bound on the inbox; a client that falls this far behind is a livelock, not a workload. */
  static final int CAPACITY_MAX = 100_000;

  private final ArrayDeque<RaftMessage> messages = new ArrayDeque<>();
  private final Runnable pollNow;
  private long lastTimeoutMs = -1;
  private boolean lastPollReturned;

  SimMessageQueue(Runnable pollNow) {
    this.pollNow = pollNow;
  }

  @Override
  public RaftMessage poll(long timeoutMs) {
    lastTimeoutMs = timeoutMs;
    RaftMessage m = messages.poll();
    lastPollReturned = m != null;
    return m;
  }

  @Override
  public void add(RaftMessage message) {
    if (messages.size() >= CAPACITY_MAX) {
      throw new IllegalStateException("raft inbox full: capacity=" + CAPACITY_MAX);
    }
    messages.add(message);
    pollNow.run();
  }

  @Override
  public boolean isEmpty() {
    return messages.isEmpty();
  }

  @Override
  public void wakeup() {
    pollNow.run();
  }

  /**
   * Whether the client must be polled again at once: messages wait, or the last poll handled one
   * (its state may have changed since it computed its timeout; Kafka's driver thread calls {@code
   * poll} again right away).
   */
  boolean pollAgainNow() {
    return !messages.isEmpty() || lastPollReturned;
  }

  /** The timeout of the last {@code poll}: when the client wants to be polled next (ms), -1 if never polled. */
  long lastTimeoutMs() {
    return lastTimeoutMs;
  }
}
