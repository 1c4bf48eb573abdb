/**
 * Transactional checking, Elle's way: {@link dev.hourglass.checkers.txn.TxnChecker} infers
 * dependencies between the transactions of a list-append or rw-register history, finds the
 * dependency cycles and other anomalies (G0, G1a, G1b, G1c, G-single-item, G2-item, lost
 * update, …), and says which consistency models they rule out; every anomaly carries its
 * evidence. {@link dev.hourglass.checkers.txn.ListAppendGenerator} makes histories for
 * benchmarks and tests.
 */
package dev.hourglass.checkers.txn;
