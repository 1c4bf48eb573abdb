package dev.hourglass.checkers;

import java.util.Optional;

/**
 * One entry of a history, as read from a file or recorded by a simulation.
 *
 * @param index position in the history, from 0 (every entry counts, nemesis ones included)
 * @param process the client process, or empty for a non-client entry such as a nemesis
 * @param processName how the process was written ({@code 3}, {@code :nemesis})
 * @param type invoke, ok, fail or info
 * @param function the operation's function ({@code read}, {@code write}, {@code cas}, ...), no colon
 * @param value the value: {@code null}, {@link Long}, {@link Double}, {@link String}, {@link
 *     Boolean}, {@link Keyword}, {@link java.util.List}, {@link java.util.Set} or {@link
 *     java.util.Map} of those
 * @param timeNanos virtual or wall time, if recorded
 * @param error the error, if any (e.g. {@code :not-held})
 */
public record HistoryEntry(
    long index,
    Optional<Integer> process,
    String processName,
    OpType type,
    String function,
    Object value,
    Optional<Long> timeNanos,
    Optional<Object> error) {

  public boolean isClient() {
    return process.isPresent();
  }
}
