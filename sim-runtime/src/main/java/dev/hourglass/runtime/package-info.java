/**
 * The Hourglass kernel: one {@link dev.hourglass.runtime.Simulation} per run, with a virtual
 * clock, a queue of events ordered by virtual time and a seeded tie-break, random streams forked
 * by name from one seed, named nodes with a crash/restart/pause lifecycle and skewable clocks,
 * {@link dev.hourglass.runtime.SimFuture}s, fault points ({@code buggify}), {@code always} and
 * {@code sometimes} assertions, and a trace folded into a 64-bit hash.
 *
 * <p>Determinism rules for everything that runs inside: no wall clock, no unseeded randomness,
 * no threads, no iteration over identity-hashed collections. See docs/kernel.md.
 */
package dev.hourglass.runtime;
