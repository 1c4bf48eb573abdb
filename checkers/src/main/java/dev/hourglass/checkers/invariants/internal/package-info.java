/**
 * Implementation detail of the invariant checkers: reading operation shapes ({@link
 * dev.hourglass.checkers.invariants.internal.Shapes}), wrapping shape errors so they name the
 * operation and its line ({@link dev.hourglass.checkers.invariants.internal.OperationErrors}),
 * abbreviated printing ({@link dev.hourglass.checkers.invariants.internal.Brief}) and the
 * lost/stale classification shared by the set and log checkers ({@link
 * dev.hourglass.checkers.invariants.internal.Presence}). Not an API.
 */
package dev.hourglass.checkers.invariants.internal;
