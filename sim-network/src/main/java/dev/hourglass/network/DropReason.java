package dev.hourglass.network;

/** Why the network dropped a message; each is counted per link and traced. */
public enum DropReason {
  /** Lost at random ({@link LinkOptions#lossRate()}). */
  LOSS,
  /** The link was cut by a partition when the message was sent or when it arrived. */
  PARTITIONED,
  /** The destination was down when the message arrived. */
  DESTINATION_DOWN,
  /** The destination was up but had no message handler (it had not started listening). */
  NO_HANDLER,
  /** The link already had {@link LinkOptions#inFlightMax()} messages in flight. */
  LINK_FULL;

  /** The trace label of a drop for this reason. */
  public String traceLabel() {
    return switch (this) {
      case LOSS -> "net.drop.loss";
      case PARTITIONED -> "net.drop.partitioned";
      case DESTINATION_DOWN -> "net.drop.down";
      case NO_HANDLER -> "net.drop.no-handler";
      case LINK_FULL -> "net.drop.link-full";
    };
  }
}
