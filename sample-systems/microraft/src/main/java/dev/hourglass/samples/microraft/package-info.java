/**
 * MicroRaft ({@code io.microraft:microraft} 0.7), unmodified, under simulation: adapters from
 * MicroRaft's pluggable abstractions to Hourglass ({@link SimExecutor}, {@link SimTransport},
 * {@link SimClock}, {@link WalStore}, {@link SimEndpoint}), a KV state machine on top, and the
 * scenario {@code microraft}. See docs/real-systems.md.
 */
package dev.hourglass.samples.microraft;
