package dev.hourglass.checkers.invariants;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.invariants.internal.OperationErrors;
import dev.hourglass.checkers.invariants.internal.Shapes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A bank, checked the way Jepsen's {@code bank} checker does: money moves between accounts by
 * transfers, and every snapshot read must show the same total and (unless allowed) no negative
 * balance. Transfers themselves are only counted: whatever they did, a correct bank shows a
 * conserved total.
 *
 * <p><b>Operations.</b> {@code transfer {:from a :to b :amount n}} (keys as keywords or strings;
 * accounts are integers, keywords or strings — {@code :a} and {@code "a"} are the same account;
 * {@code n} an integer). {@code read {a 10, b 90}}: a map from account to balance, an integer or
 * {@code nil} (Jepsen writes nil for a balance it could not read, which is reported). Only {@code
 * ok} reads are checked; others are counted and skipped.
 *
 * <p><b>Findings</b>, each a violation, per ok read:
 *
 * <ul>
 *   <li>{@link Evidence.Kind#WRONG_TOTAL}: the balances (none nil) do not sum to the total — the
 *       one given in {@link Options}, or else the sum of the first ok read (in invocation order)
 *       without nil balances; the explanation gives the difference;
 *   <li>{@link Evidence.Kind#NEGATIVE_BALANCE}: some balance is below zero, unless {@link
 *       Options#negativeBalancesAllowed()};
 *   <li>{@link Evidence.Kind#NIL_BALANCE}: some balance is nil (the total is not checked then);
 *   <li>{@link Evidence.Kind#UNEXPECTED_ACCOUNT} and {@link Evidence.Kind#MISSING_ACCOUNT}: when the
 *       accounts are known ({@link Options#accounts()}), an account that is not one of them, or
 *       one of them that the read lacks.
 * </ul>
 *
 * <p><b>Counts</b>: {@code transfers}, {@code transfers-ok}, {@code transfers-info}, {@code
 * transfers-fail}, {@code reads} (ok), {@code reads-not-ok}, {@code total} (the total reads were
 * held to; absent if none could be inferred), and one per finding kind ({@code wrong-total}, {@code
 * negative-balance}, {@code nil-balance}, {@code unexpected-account}, {@code missing-account}).
 * {@code UNKNOWN} when no read completed ok.
 */
public final class BankChecker {
  /** The checker's name in results and messages. */
  public static final String NAME = "bank";

  /**
   * @param total the total every read must show; empty (the default): the sum of the first ok read
   *     with no nil balance
   * @param accounts the bank's accounts (normalised: integers as longs, keywords and strings by
   *     name); empty (the default): unknown, not checked
   * @param negativeBalancesAllowed true if a negative balance is legal (an overdraft); default false
   */
  public record Options(OptionalLong total, Set<Object> accounts, boolean negativeBalancesAllowed) {
    public Options {
      checkNotNull(total, "total");
      checkNotNull(accounts, "accounts");
      Set<Object> ids = new LinkedHashSet<>();
      for (Object a : accounts) {
        ids.add(Shapes.id(a, "an account"));
      }
      accounts = Collections.unmodifiableSet(ids);
    }

    public static Options defaults() {
      return new Options(OptionalLong.empty(), Set.of(), false);
    }

    public Options withTotal(long total) {
      return new Options(OptionalLong.of(total), accounts, negativeBalancesAllowed);
    }

    public Options withAccounts(Collection<?> accounts) {
      return new Options(total, new LinkedHashSet<>(accounts), negativeBalancesAllowed);
    }

    /** The accounts and the total of the initial balances ({@code {a 50, b 50}}: accounts a and b, total 100). */
    public Options withInitialBalances(Map<?, ?> balances) {
      checkArgument(!balances.isEmpty(), "initial balances must name at least one account");
      long sum = 0;
      for (Map.Entry<?, ?> e : balances.entrySet()) {
        long b = Shapes.integer(e.getValue(), "the initial balance of " + e.getKey());
        try {
          sum = Math.addExact(sum, b);
        } catch (ArithmeticException overflow) {
          throw new IllegalArgumentException("the initial balances overflow a 64-bit integer", overflow);
        }
      }
      return new Options(OptionalLong.of(sum), new LinkedHashSet<>(balances.keySet()), negativeBalancesAllowed);
    }

    public Options allowingNegativeBalances() {
      return new Options(total, accounts, true);
    }
  }

  private static final String TRANSFER_SHAPE = "{:from a :to b :amount n}";
  private static final String READ_SHAPE = "{account balance ...} (an ok read returns every balance)";

  private BankChecker() {}

  public static InvariantResult check(History history) {
    return check(history, Options.defaults());
  }

  /** An operation of the wrong shape is a {@link dev.hourglass.checkers.HistoryFormatException} naming its line. */
  public static InvariantResult check(History history, Options options) {
    checkNotNull(history, "history");
    return check(history.operations(), options, OperationErrors.forHistory(history, NAME));
  }

  /** An operation of the wrong shape is an {@link IllegalArgumentException} naming it. */
  public static InvariantResult check(List<Operation> operations, Options options) {
    return check(operations, options, OperationErrors.forOperations(NAME));
  }

  /** One read's balances by account, in the read's order; null for a nil balance. */
  private record Snapshot(Operation read, Map<Object, Long> balances) {}

  private static InvariantResult check(List<Operation> operations, Options options, OperationErrors errors) {
    checkNotNull(operations, "operations");
    checkNotNull(options, "options");
    long[] transfers = new long[OpType.values().length];
    List<Snapshot> reads = new ArrayList<>();
    long readsNotOk = 0;
    for (Operation op : operations) {
      try {
        switch (op.function()) {
          case "transfer" -> {
            Map<?, ?> t = Shapes.map(op.value(), TRANSFER_SHAPE);
            Shapes.id(Shapes.field(t, "from", TRANSFER_SHAPE), "the :from account");
            Shapes.id(Shapes.field(t, "to", TRANSFER_SHAPE), "the :to account");
            Shapes.integer(Shapes.field(t, "amount", TRANSFER_SHAPE), "the :amount");
            transfers[op.completion().ordinal()]++;
          }
          case "read" -> {
            if (op.completion() != OpType.OK) {
              readsNotOk++;
              continue;
            }
            Map<Object, Long> balances = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : Shapes.map(op.value(), READ_SHAPE).entrySet()) {
              Object account = Shapes.id(e.getKey(), "an account");
              Long balance = e.getValue() == null ? null
                  : Shapes.integer(e.getValue(), "the balance of account " + Shapes.idText(account));
              if (balances.containsKey(account)) {
                throw new IllegalArgumentException("account " + Shapes.idText(account) + " appears twice (as a keyword and a string)");
              }
              balances.put(account, balance);
            }
            reads.add(new Snapshot(op, balances));
          }
          default -> throw Shapes.unknownFunction(op, "transfer or read");
        }
      } catch (IllegalArgumentException e) {
        throw errors.wrap(op, e);
      }
    }
    reads.sort((a, b) -> Long.compare(a.read().invokeIndex(), b.read().invokeIndex()));

    List<Evidence> wrongTotal = new ArrayList<>();
    List<Evidence> negative = new ArrayList<>();
    List<Evidence> nil = new ArrayList<>();
    List<Evidence> unexpected = new ArrayList<>();
    List<Evidence> missing = new ArrayList<>();
    Set<Object> accounts = options.accounts();
    OptionalLong total = options.total();
    Operation totalFrom = null; // the read the total was inferred from
    for (Snapshot s : reads) {
      Operation read = s.read();
      List<Object> nils = new ArrayList<>();
      List<String> negatives = new ArrayList<>();
      long sum = 0;
      for (Map.Entry<Object, Long> e : s.balances().entrySet()) {
        Long b = e.getValue();
        if (b == null) {
          nils.add(e.getKey());
          continue;
        }
        try {
          sum = Math.addExact(sum, b);
        } catch (ArithmeticException overflow) {
          throw errors.wrap(read, new IllegalArgumentException("the balances overflow a 64-bit integer", overflow));
        }
        if (b < 0) {
          negatives.add(Shapes.idText(e.getKey()) + " has " + b);
        }
      }
      if (!nils.isEmpty()) {
        nil.add(new Evidence(Evidence.Kind.NIL_BALANCE, true,
            "account(s) " + ids(nils) + " read nil; the total of this read is not checked", List.of(read)));
      } else if (total.isEmpty()) {
        total = OptionalLong.of(sum);
        totalFrom = read;
      } else if (sum != total.getAsLong()) {
        long diff = sum - total.getAsLong();
        String from = totalFrom == null ? "" : " (inferred from the first read, invoked at #" + totalFrom.invokeIndex() + ")";
        wrongTotal.add(new Evidence(Evidence.Kind.WRONG_TOTAL, true,
            "balances sum to " + sum + ", not the total " + total.getAsLong() + from + ": "
                + (diff > 0 ? "+" : "") + diff,
            totalFrom == null ? List.of(read) : List.of(read, totalFrom)));
      }
      if (!negatives.isEmpty() && !options.negativeBalancesAllowed()) {
        negative.add(new Evidence(Evidence.Kind.NEGATIVE_BALANCE, true,
            "negative balance: " + String.join(", ", negatives), List.of(read)));
      }
      if (!accounts.isEmpty()) {
        List<Object> extra = s.balances().keySet().stream().filter(a -> !accounts.contains(a)).toList();
        if (!extra.isEmpty()) {
          unexpected.add(new Evidence(Evidence.Kind.UNEXPECTED_ACCOUNT, true,
              "account(s) " + ids(extra) + " are not among the bank's accounts " + ids(accounts), List.of(read)));
        }
        List<Object> absent = accounts.stream().filter(a -> !s.balances().containsKey(a)).toList();
        if (!absent.isEmpty()) {
          missing.add(new Evidence(Evidence.Kind.MISSING_ACCOUNT, true,
              "account(s) " + ids(absent) + " are missing from the read", List.of(read)));
        }
      }
    }

    List<Evidence> evidence = new ArrayList<>(wrongTotal);
    evidence.addAll(negative);
    evidence.addAll(nil);
    evidence.addAll(unexpected);
    evidence.addAll(missing);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("transfers", transfers[OpType.OK.ordinal()] + transfers[OpType.INFO.ordinal()] + transfers[OpType.FAIL.ordinal()]);
    counts.put("transfers-ok", transfers[OpType.OK.ordinal()]);
    counts.put("transfers-info", transfers[OpType.INFO.ordinal()]);
    counts.put("transfers-fail", transfers[OpType.FAIL.ordinal()]);
    counts.put("reads", (long) reads.size());
    counts.put("reads-not-ok", readsNotOk);
    total.ifPresent(t -> counts.put("total", t));
    counts.put("wrong-total", (long) wrongTotal.size());
    counts.put("negative-balance", (long) negative.size());
    counts.put("nil-balance", (long) nil.size());
    counts.put("unexpected-account", (long) unexpected.size());
    counts.put("missing-account", (long) missing.size());
    return InvariantResult.of(NAME, counts, evidence, reads.isEmpty() ? "no read completed ok" : null);
  }

  private static String ids(Collection<?> ids) {
    return ids.stream().map(Shapes::idText).collect(Collectors.joining(", "));
  }
}
