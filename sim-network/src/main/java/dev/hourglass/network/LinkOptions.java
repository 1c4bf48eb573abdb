package dev.hourglass.network;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Behaviour of one directed link (or the network's default for every link).
 *
 * @param latency per-message latency; default {@link LatencyModel#datacenter()}
 * @param lossRate probability a message is lost, in [0, 1]; default 0
 * @param duplicateRate probability a message is delivered twice (with independent latencies),
 *     in [0, 1]; default 0
 * @param fifo deliver in send order on this link (models a TCP connection); default false, so
 *     independent latencies reorder messages as UDP or separate connections do
 * @param inFlightMax messages that may be in flight on this link at once; one more is dropped
 *     and counted ({@link DropReason#LINK_FULL}); default 100,000
 */
public record LinkOptions(
    LatencyModel latency, double lossRate, double duplicateRate, boolean fifo, int inFlightMax) {

  public LinkOptions {
    checkNotNull(latency, "latency");
    checkArgument(lossRate >= 0 && lossRate <= 1, "lossRate must be in [0, 1]: lossRate=%s", lossRate);
    checkArgument(
        duplicateRate >= 0 && duplicateRate <= 1, "duplicateRate must be in [0, 1]: duplicateRate=%s", duplicateRate);
    checkArgument(inFlightMax > 0, "inFlightMax must be positive: inFlightMax=%s", inFlightMax);
  }

  public static LinkOptions defaults() {
    return new LinkOptions(LatencyModel.datacenter(), 0, 0, false, 100_000);
  }

  public LinkOptions withLatency(LatencyModel value) {
    return new LinkOptions(value, lossRate, duplicateRate, fifo, inFlightMax);
  }

  public LinkOptions withLossRate(double value) {
    return new LinkOptions(latency, value, duplicateRate, fifo, inFlightMax);
  }

  public LinkOptions withDuplicateRate(double value) {
    return new LinkOptions(latency, lossRate, value, fifo, inFlightMax);
  }

  public LinkOptions withFifo(boolean value) {
    return new LinkOptions(latency, lossRate, duplicateRate, value, inFlightMax);
  }

  public LinkOptions withInFlightMax(int value) {
    return new LinkOptions(latency, lossRate, duplicateRate, fifo, value);
  }
}
