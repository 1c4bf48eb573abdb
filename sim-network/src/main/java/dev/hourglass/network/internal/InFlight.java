package dev.hourglass.network.internal;

import dev.hourglass.runtime.DropAware;
import dev.hourglass.runtime.NodeRef;

/**
 * One message on its way: the event that delivers it to its destination. The kernel drops it
 * (and tells us) if the destination is down when it arrives, and defers it while the destination
 * is paused.
 */
public final class InFlight implements DropAware {
  /** What the network does when a message arrives or is dropped by the kernel. */
  public interface Sink {
    void arrive(InFlight message);

    void destinationDown(InFlight message);
  }

  public final NodeRef from;
  public final NodeRef to;
  public final Object payload;
  public final long id;
  public final long sentAtNanos;
  public final LinkState link;
  private final Sink sink;

  public InFlight(NodeRef from, NodeRef to, Object payload, long id, long sentAtNanos, LinkState link, Sink sink) {
    this.from = from;
    this.to = to;
    this.payload = payload;
    this.id = id;
    this.sentAtNanos = sentAtNanos;
    this.link = link;
    this.sink = sink;
  }

  @Override
  public void run() {
    sink.arrive(this);
  }

  @Override
  public void dropped(NodeRef node) {
    sink.destinationDown(this);
  }
}
