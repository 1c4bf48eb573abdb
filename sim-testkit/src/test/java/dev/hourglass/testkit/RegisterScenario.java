package dev.hourglass.testkit;

import dev.hourglass.checkers.linear.Models;
import dev.hourglass.disk.SimDisk;
import dev.hourglass.disk.SimFile;
import dev.hourglass.network.Endpoint;
import dev.hourglass.runtime.Node;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The test scenario of the testkit: a register on three servers.
 *
 * <ul>
 *   <li>Correct: n1 is the primary; it persists every write (write + fsync) before answering,
 *       together with the last request sequence applied per client, so a request the network
 *       duplicated is not applied twice (fuzzing found exactly that bug in an earlier version:
 *       a duplicated old write landing after a newer one); it recovers both from its disk on
 *       restart and serves reads; the others redirect clients to it. Linearizable under every
 *       fault (it may be unavailable, never wrong).
 *   <li>Bug {@code no-coordination}: every server answers from its own copy and replicates
 *       writes to the others afterwards, last arrival wins — the classic eventually-consistent
 *       register, not linearizable once messages are delayed or cut.
 * </ul>
 */
public final class RegisterScenario implements Scenario {
  public static final String BUG = "no-coordination";

  record Read() {}

  record Write(long value, int client, long sequence) {}

  record Replicate(long value) {}

  record Value(Long value) {}

  record NotPrimary(String primary) {}

  @Override
  public String name() {
    return "test-register";
  }

  @Override
  public String description() {
    return "a register on three servers; bug no-coordination replicates without coordination";
  }

  @Override
  public List<String> bugs() {
    return List.of(BUG);
  }

  @Override
  public Set<FaultKind> faultKinds() {
    return EnumSet.of(FaultKind.PARTITION, FaultKind.CRASH, FaultKind.PAUSE, FaultKind.CLOG, FaultKind.MESSAGE_LOSS, FaultKind.CLOCK_SKEW);
  }

  @Override
  public String checkerName() {
    return "linearizable(register)";
  }

  @Override
  public Cluster build(World world) {
    boolean bug = world.bug(BUG);
    List<NodeRef> servers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String name = "n" + i;
      servers.add(world.simulation().addNode(name, ctx -> new Server(ctx, bug)));
    }
    ClientProtocol protocol = new ClientProtocol() {
      @Override
      public Object request(ClientOp op, int clientId, long sequence) {
        return op.function().equals("read") ? new Read() : new Write((Long) op.value(), clientId, sequence);
      }

      @Override
      public Reply interpret(ClientOp op, Object response) {
        if (response instanceof NotPrimary np) {
          return new Reply.Redirect(java.util.Optional.of(np.primary()));
        }
        return new Reply.Ok(op.function().equals("read") ? ((Value) response).value() : op.value());
      }
    };
    return new Cluster(servers, protocol);
  }

  @Override
  public WorkloadSpec workload() {
    return new WorkloadSpec(4, 120, 1_000_000, 20_000_000, 200_000_000, Workloads.register(0.5, false),
        List.of(new ClientOp("read", null)));
  }

  @Override
  public HistoryCheck check() {
    return Checks.linearizable(Models.register(null, false), Duration.ofSeconds(20));
  }

  @Override
  public RunOptions defaultOptions() {
    return RunOptions.defaults().withSafetyNanos(3_000_000_000L).withLivenessNanos(5_000_000_000L);
  }

  /** One server. */
  static final class Server implements Node {
    private final NodeContext ctx;
    private final boolean bug;
    private Long value;
    private boolean recovered;
    // client -> last write sequence applied and persisted (saved with the value)
    private final java.util.TreeMap<Integer, Long> applied = new java.util.TreeMap<>();
    // client -> the write being persisted for it: a duplicate of it must wait for the original's
    // answer — answering "done" at once acknowledged writes before they were durable, a bug
    // the fuzzer found in an earlier version of this scenario
    private final java.util.TreeMap<Integer, Long> receivedSeq = new java.util.TreeMap<>();
    private final java.util.TreeMap<Integer, SimFuture<Value>> inFlight = new java.util.TreeMap<>();
    // Writes are persisted one at a time, in arrival order: disk operations may complete out of
    // order, and the value must change in the order the file does.
    private SimFuture<Void> writes;

    Server(NodeContext ctx, boolean bug) {
      this.ctx = ctx;
      this.bug = bug;
    }

    private boolean primary() {
      return ctx.name().equals("n1");
    }

    @Override
    public void onStart() {
      Endpoint endpoint = ctx.component(Endpoint.class);
      endpoint.onMessage((from, message) -> {
        if (message instanceof Replicate r) {
          value = r.value();
        }
      });
      if (!bug && primary()) {
        SimDisk disk = ctx.component(SimDisk.class);
        if (disk.exists("register")) {
          disk.open("register")
              .thenCompose(f -> f.read(0, 4096))
              .whenComplete((bytes, error) -> {
                if (error == null && bytes.length > 0) {
                  String[] fields = new String(bytes, StandardCharsets.UTF_8).trim().split("\\s+");
                  value = fields[0].equals("nil") ? null : Long.parseLong(fields[0]);
                  for (int i = 1; i + 1 < fields.length; i += 2) {
                    applied.put(Integer.parseInt(fields[i]), Long.parseLong(fields[i + 1]));
                  }
                  receivedSeq.putAll(applied);
                }
                recovered = error == null;
              });
        } else {
          recovered = true;
        }
      }
      endpoint.rpc().serve((from, request) -> handle(endpoint, request));
    }

    private Object handle(Endpoint endpoint, Object request) {
      if (bug) {
        if (request instanceof Write w) {
          value = w.value();
          endpoint.broadcast(new Replicate(w.value()));
          return new Value(value);
        }
        return new Value(value);
      }
      if (!primary()) {
        return new NotPrimary("n1");
      }
      if (!recovered) {
        throw new IllegalStateException("recovering");
      }
      if (request instanceof Write w) {
        if (applied.getOrDefault(w.client(), 0L) >= w.sequence()) {
          return new Value(value); // a duplicate of a write already durable
        }
        if (receivedSeq.getOrDefault(w.client(), 0L) >= w.sequence()) {
          return inFlight.get(w.client()); // a duplicate of the write being persisted
        }
        receivedSeq.put(w.client(), w.sequence());
        if (writes == null) {
          writes = ctx.newFuture();
          writes.complete(null);
        }
        SimFuture<Value> reply = writes.thenCompose(x -> persist(w)).thenApply(x -> {
          value = w.value(); // visible to reads only once durable
          applied.put(w.client(), w.sequence());
          return new Value(w.value());
        });
        inFlight.put(w.client(), reply);
        writes = reply.handle((v, e) -> null);
        return reply;
      }
      return new Value(value);
    }

    private SimFuture<Void> persist(Write w) {
      SimDisk disk = ctx.component(SimDisk.class);
      StringBuilder text = new StringBuilder(Long.toString(w.value()));
      java.util.TreeMap<Integer, Long> next = new java.util.TreeMap<>(applied);
      next.put(w.client(), w.sequence());
      next.forEach((c, q) -> text.append(' ').append(c).append(' ').append(q));
      byte[] bytes = String.format("%-4095s", text).getBytes(StandardCharsets.UTF_8);
      return disk.openOrCreate("register")
          .thenCompose((SimFile f) -> f.write(0, bytes).thenCompose(x -> f.fsync()))
          .thenCompose(x -> disk.fsyncDirectory());
    }
  }
}
