/**
 * Linearizability checking: {@link dev.hourglass.checkers.linear.LinearizabilityChecker} runs a
 * Wing–Gong–Lowe search with memoisation and P-compositionality against a {@link
 * dev.hourglass.checkers.linear.Model}; {@link dev.hourglass.checkers.linear.Models} has the
 * built-in ones. Budgets turn a search that would not end into {@code UNKNOWN}.
 */
package dev.hourglass.checkers.linear;
