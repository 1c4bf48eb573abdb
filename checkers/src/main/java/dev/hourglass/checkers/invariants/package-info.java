/**
 * Invariant checkers: one class per invariant, each reading a {@link dev.hourglass.checkers.History}
 * (or its paired operations) of a particular workload and returning an {@link
 * dev.hourglass.checkers.invariants.InvariantResult} — a verdict, counts and {@link
 * dev.hourglass.checkers.invariants.Evidence} naming the operations that break the invariant.
 *
 * <ul>
 *   <li>{@link dev.hourglass.checkers.invariants.SetChecker}: a grow-only set (Jepsen's set-full):
 *       lost, stale, never-read, unexpected, duplicated elements;
 *   <li>{@link dev.hourglass.checkers.invariants.CounterChecker}: reads within the bounds of the
 *       increments (and decrements);
 *   <li>{@link dev.hourglass.checkers.invariants.BankChecker}: transfers conserve the total; no
 *       negative balances;
 *   <li>{@link dev.hourglass.checkers.invariants.LogChecker}: an append-only log read whole: nothing
 *       acknowledged lost, no duplicates, every read a prefix of one order;
 *   <li>{@link dev.hourglass.checkers.invariants.QueueChecker}: a queue consumed by dequeues: at
 *       most once, nothing unexpected, nothing lost once drained;
 *   <li>{@link dev.hourglass.checkers.invariants.ExactlyOnceChecker}: a stream processor's audit:
 *       exactly one output per acknowledged input, in order per key.
 * </ul>
 *
 * Each checker's javadoc says which operations it reads and defines its findings. An operation of
 * the wrong shape is a {@link dev.hourglass.checkers.HistoryFormatException} naming its file and
 * line (or, for a list of operations, an {@link IllegalArgumentException} naming the operation).
 * Guide: {@code docs/checkers.md}, "Invariant checkers".
 */
package dev.hourglass.checkers.invariants;
