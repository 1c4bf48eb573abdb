/**
 * Reading and writing histories: {@link dev.hourglass.checkers.io.HistoryReader} for every {@link
 * dev.hourglass.checkers.io.HistoryFormat} (our JSON Lines, Jepsen EDN, Porcupine's etcd and kv
 * logs), {@link dev.hourglass.checkers.io.HistoryWriter} for JSON Lines and EDN. Formats are
 * described in {@code docs/checkers.md}, "History formats".
 */
package dev.hourglass.checkers.io;
