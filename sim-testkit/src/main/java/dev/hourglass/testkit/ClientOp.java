package dev.hourglass.testkit;

/**
 * An operation a client asks of the system, in the checkers' terms: a function ({@code read},
 * {@code write}, {@code cas}, {@code get}, {@code put}, {@code append}, ...) and a value (for
 * key-value workloads the tuple {@code [key value]}).
 */
public record ClientOp(String function, Object value) {}
