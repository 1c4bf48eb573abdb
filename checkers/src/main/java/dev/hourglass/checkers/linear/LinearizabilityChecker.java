package dev.hourglass.checkers.linear;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import dev.hourglass.checkers.linear.internal.Budget;
import dev.hourglass.checkers.linear.internal.WglSearch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks a history for linearizability against a {@link Model}: Wing–Gong–Lowe search with
 * memoisation, per partition (P-compositionality), partitions in parallel. Failed operations
 * never happened and are dropped; indeterminate ones may take effect once, at any point after
 * their invocation, or never.
 */
public final class LinearizabilityChecker {
  // Checking runs outside any simulation; the pool's threads are daemons so a CLI can exit.
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "hourglass-linearizability");
            t.setDaemon(true);
            return t;
          });

  private LinearizabilityChecker() {}

  /**
   * Checks {@code history}. An operation the model cannot read (a wrong function or value shape)
   * is reported as a {@link HistoryFormatException} naming the line.
   */
  public static <S, I> LinearizabilityResult check(History history, Model<S, I> model, CheckOptions options) {
    checkNotNull(history, "history");
    return check(history.operations(), model, options, (op, e) -> new HistoryFormatException(
        history.source(), history.line((int) op.invokeIndex()), 0,
        "operation " + op.describe() + " does not fit model " + model.name() + ": " + e.getMessage()));
  }

  /** Checks paired operations (e.g. from a simulation's recorder). */
  public static <S, I> LinearizabilityResult check(List<Operation> operations, Model<S, I> model, CheckOptions options) {
    return check(operations, model, options, (op, e) -> new IllegalArgumentException(
        "operation " + op.describe() + " does not fit model " + model.name() + ": " + e.getMessage(), e));
  }

  private interface BadOperation {
    RuntimeException wrap(Operation op, IllegalArgumentException cause);
  }

  private record Part<S, I>(Object key, List<Operation> ops, List<I> inputs) {}

  private static <S, I> LinearizabilityResult check(
      List<Operation> operations, Model<S, I> model, CheckOptions options, BadOperation bad) {
    checkNotNull(model, "model");
    checkNotNull(options, "options");
    long started = System.nanoTime();
    Map<Object, Part<S, I>> parts = new LinkedHashMap<>();
    for (Operation op : operations) {
      if (op.completion() == OpType.FAIL) {
        continue; // it certainly did not happen
      }
      I input;
      Object key;
      try {
        input = model.prepare(op);
        key = model.partitionKey(op);
      } catch (IllegalArgumentException e) {
        throw bad.wrap(op, e);
      }
      if (op.isIndeterminate() && model.isReadOnly(input)) {
        continue; // an unknown read constrains nothing
      }
      Part<S, I> part = parts.computeIfAbsent(key, k -> new Part<>(k, new ArrayList<>(), new ArrayList<>()));
      part.ops().add(op);
      part.inputs().add(input);
    }
    Budget budget = new Budget(started + options.timeLimit().toNanos(), options.cacheBytesMax());
    List<Part<S, I>> order = new ArrayList<>(parts.values());
    List<WglSearch.Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      outcomes.add(null);
    }
    // Biggest partitions first: the slowest one bounds the wall time.
    List<Integer> schedule = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      schedule.add(i);
    }
    schedule.sort(Comparator.comparingInt((Integer i) -> -order.get(i).ops().size()).thenComparingInt(i -> i));
    AtomicInteger nextTask = new AtomicInteger();
    Runnable worker = () -> {
      int t;
      while ((t = nextTask.getAndIncrement()) < schedule.size()) {
        int i = schedule.get(t);
        if (budget.stopReason() != null) {
          return;
        }
        Part<S, I> part = order.get(i);
        WglSearch.Outcome outcome =
            new WglSearch<>(model, part.ops(), part.inputs(), model.initialState(part.key()), budget).run();
        synchronized (outcomes) {
          outcomes.set(i, outcome);
        }
        if (outcome.status() == WglSearch.Status.NOT_LINEARIZABLE) {
          budget.stop("another partition is not linearizable");
        }
      }
    };
    int workers = Math.min(options.parallelism(), order.size());
    if (workers <= 1) {
      worker.run();
    } else {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 1; w < workers; w++) {
        futures.add(POOL.submit(worker));
      }
      worker.run();
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          budget.stop("interrupted");
        } catch (ExecutionException e) {
          throw new IllegalStateException("linearizability search failed: " + e.getCause(), e.getCause());
        }
      }
    }
    return summarise(model, order, outcomes, budget, System.nanoTime() - started);
  }

  private static <S, I> LinearizabilityResult summarise(
      Model<S, I> model, List<Part<S, I>> order, List<WglSearch.Outcome> outcomes, Budget budget, long elapsed) {
    List<LinearizabilityResult.PartitionResult> partitions = new ArrayList<>();
    Optional<Counterexample> counterexample = Optional.empty();
    boolean incomplete = false;
    for (int i = 0; i < order.size(); i++) {
      Part<S, I> part = order.get(i);
      WglSearch.Outcome o = outcomes.get(i);
      String name = part.key() == null ? "all" : Values.format(part.key());
      Verdict v;
      if (o == null || o.status() == WglSearch.Status.STOPPED) {
        v = Verdict.UNKNOWN;
        incomplete = true;
      } else if (o.status() == WglSearch.Status.NOT_LINEARIZABLE) {
        v = Verdict.INVALID;
        if (counterexample.isEmpty()) {
          counterexample = Optional.of(new Counterexample(name, o.longestPrefix(), o.unplaceable(), o.candidateStates()));
        }
      } else {
        v = Verdict.VALID;
      }
      partitions.add(new LinearizabilityResult.PartitionResult(name, v, part.ops().size(), o == null ? 0 : o.configurations()));
    }
    if (counterexample.isPresent()) {
      return new LinearizabilityResult(Verdict.INVALID, model.name(), Optional.empty(), counterexample, partitions, elapsed);
    }
    if (incomplete) {
      String reason = Optional.ofNullable(budget.stopReason()).orElse("search stopped");
      return new LinearizabilityResult(Verdict.UNKNOWN, model.name(), Optional.of(reason), Optional.empty(), partitions, elapsed);
    }
    return new LinearizabilityResult(Verdict.VALID, model.name(), Optional.empty(), Optional.empty(), partitions, elapsed);
  }
}
