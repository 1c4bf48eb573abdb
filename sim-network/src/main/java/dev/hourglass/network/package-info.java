/**
 * The simulated network: {@link dev.hourglass.network.Network#attach} gives every node of a
 * {@link dev.hourglass.runtime.Simulation} an {@link dev.hourglass.network.Endpoint}. Latency
 * models, loss, duplication, reordering, bounded links, partitions of several shapes, clogging,
 * hold/release, and RPC with virtual-time timeouts. See docs/network.md.
 */
package dev.hourglass.network;
