package dev.hourglass.samples.kraft.common;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.linear.Verdict;
import dev.hourglass.testkit.CheckOutcome;
import dev.hourglass.testkit.HistoryCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Exactly-once for a replicated log: every acknowledged append is committed exactly once, at the
 * offset it was acknowledged with. Evidence comes from the reads (each a read through the log:
 * every data record committed below its marker), which must agree with each other:
 *
 * <ul>
 *   <li>reads agree: two reads never show different records at one offset;
 *   <li>an append acknowledged with {@code [v o]}, below the longest read's bound, is at offset
 *       {@code o} in it;
 *   <li>no record appears twice; no record appears that no client appended; a record whose append
 *       failed (definitely) never appears. Appends with unknown outcome ({@code info}) may appear
 *       once or not at all.
 * </ul>
 *
 * <p>"Committed once" is as the state machine applies it: a record the log holds twice (the
 * network duplicated a client's request and the leader appended both copies) is applied once, at
 * its first offset ({@link CommittedLog}), as a session table would do.
 */
public final class AppendLogCheck implements HistoryCheck {
  public static final String NAME = "append-log(exactly-once)";

  @Override
  public CheckOutcome check(History history) {
    List<String> problems = new ArrayList<>();
    TreeMap<Long, String> log = new TreeMap<>(); // union of all reads, checked to agree
    long bound = 0; // the longest read's marker offset
    Map<String, Operation> appends = new LinkedHashMap<>();
    Set<String> failed = new LinkedHashSet<>();
    int acknowledged = 0;
    int reads = 0;
    for (Operation op : history.operations()) {
      if (op.function().equals(KraftProtocol.APPEND)) {
        appends.put((String) op.invokeValue(), op);
        if (op.completion() == OpType.FAIL) {
          failed.add((String) op.invokeValue());
        }
      } else if (op.function().equals(KraftProtocol.READ) && op.completion() == OpType.OK) {
        reads++;
        List<?> value = (List<?>) op.value();
        bound = Math.max(bound, ((Number) value.get(0)).longValue());
        for (Object o : (List<?>) value.get(1)) {
          List<?> pair = (List<?>) o;
          long offset = ((Number) pair.get(0)).longValue();
          String record = (String) pair.get(1);
          String earlier = log.putIfAbsent(offset, record);
          if (earlier != null && !earlier.equals(record)) {
            problems.add("reads disagree at offset " + offset + ": " + earlier + " vs " + record + " (" + op.describe() + ")");
          }
        }
      }
    }
    Map<String, Long> seenAt = new LinkedHashMap<>();
    for (Map.Entry<Long, String> e : log.entrySet()) {
      Long before = seenAt.putIfAbsent(e.getValue(), e.getKey());
      if (before != null) {
        problems.add("record " + e.getValue() + " committed twice: at offsets " + before + " and " + e.getKey());
      }
      if (!appends.containsKey(e.getValue())) {
        problems.add("record " + e.getValue() + " at offset " + e.getKey() + " was never appended by a client");
      }
      if (failed.contains(e.getValue())) {
        problems.add("record " + e.getValue() + " at offset " + e.getKey() + " whose append failed: " + appends.get(e.getValue()).describe());
      }
    }
    for (Operation op : appends.values()) {
      if (op.completion() != OpType.OK) {
        continue;
      }
      acknowledged++;
      List<?> value = (List<?>) op.value();
      long offset = ((Number) value.get(1)).longValue();
      if (offset >= bound) {
        continue; // acknowledged after the last read's view
      }
      String at = log.get(offset);
      if (!op.invokeValue().equals(at)) {
        Long where = seenAt.get((String) op.invokeValue());
        problems.add("acknowledged append " + op.describe() + " is not at offset " + offset + " (there: "
            + (at == null ? "nothing" : at) + "; the record is " + (where == null ? "nowhere" : "at " + where)
            + ") in reads up to offset " + bound);
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("acknowledged", acknowledged);
    json.put("reads", reads);
    json.put("readBound", bound);
    json.put("problems", problems.size() > 20 ? problems.subList(0, 20) : problems);
    if (!problems.isEmpty()) {
      return new CheckOutcome(NAME, Verdict.INVALID, String.join("\n", problems.size() > 20 ? problems.subList(0, 20) : problems), json);
    }
    if (reads == 0) {
      return new CheckOutcome(NAME, Verdict.UNKNOWN, "no read completed: nothing to check " + acknowledged + " acknowledged appends against", json);
    }
    return new CheckOutcome(NAME, Verdict.VALID, "", json);
  }
}
