/** Analyzers for histories of client operations: linearizability, transactional anomalies, invariants. Depends on nothing else of Hourglass. */
package dev.hourglass.checkers;
