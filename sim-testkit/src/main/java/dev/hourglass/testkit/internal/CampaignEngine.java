package dev.hourglass.testkit.internal;

import dev.hourglass.runtime.OutsideSimulation;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.Campaign;
import dev.hourglass.testkit.CampaignOptions;
import dev.hourglass.testkit.CampaignResult;
import dev.hourglass.testkit.CampaignResult.StopReason;
import dev.hourglass.testkit.CheckOutcome;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.SeedReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machinery of {@link Campaign}. Worker threads take the shard's seeds in order from a shared
 * counter and run each one start to verdict on their own thread (a simulation never spans
 * threads); they hand what they found to the calling thread through a queue of capacity {@code
 * jobs}, which is the only place results wait — so at most about 2 × jobs full results are alive
 * at once, however long the campaign. The calling thread (the coordinator) does everything else,
 * one seed at a time: tallies, writes artifact folders and the JUnit XML, tells the listener,
 * decides when to stop. Stopping (time budget, first failure, interrupt) only prevents new seeds
 * from starting; seeds already running finish and are reported.
 */
@OutsideSimulation("the seed runner: a pool of worker threads and a wall-clock budget around many simulations, "
    + "each of which runs single-threaded on one worker")
public final class CampaignEngine {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Scenario scenario;
  private final CampaignOptions options;
  private final Campaign.Listener listener;
  private final long planned;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong nextPosition = new AtomicLong();
  private final BlockingQueue<Object> results;
  private final CampaignTally tally = new CampaignTally(CampaignResult.FAILURES_LISTED_MAX);
  private final long startNanos;
  private final long deadlineNanos;
  private StopReason stopReason;
  private int artifactsWritten;
  /** Where a seed without an artifact folder finds the explicit plan: {@code <out>/plan-<stem>.json}. */
  private Optional<Path> sharedPlanFile = Optional.empty();

  /** A worker's last word: it ran out of seeds, was stopped, or threw while running {@code seed}. */
  private record WorkerExit(Optional<Throwable> error, long seed) {}

  public CampaignEngine(Scenario scenario, CampaignOptions options, Campaign.Listener listener) {
    this.scenario = scenario;
    this.options = options;
    this.listener = listener;
    this.planned = options.seedsPlanned();
    this.results = new ArrayBlockingQueue<>(options.jobs());
    this.startNanos = System.nanoTime();
    this.deadlineNanos = startNanos + options.timeBudget().map(Duration::toNanos).orElse(0L);
  }

  public CampaignResult run() {
    Optional<Path> junitPath = options.outDir().map(d -> d.resolve("TEST-hourglass-" + stem() + ".xml"));
    Optional<Path> summaryPath = options.outDir().map(d -> d.resolve("summary-" + stem() + ".json"));
    List<Thread> workers = new ArrayList<>();
    JUnitXml junit = null;
    boolean interrupted = false;
    try {
      junit = junitPath.isPresent() ? new JUnitXml(junitPath.get()) : null;
      if (options.outDir().isPresent() && options.run().plan().isPresent()) {
        sharedPlanFile = Optional.of(options.outDir().get().resolve("plan-" + stem() + ".json"));
        AtomicFiles.writeString(sharedPlanFile.get(), options.run().plan().get().toJson() + "\n");
      }
      for (int i = 0; i < Math.min(options.jobs(), planned); i++) {
        Thread t = new Thread(null, this::work, "hourglass-campaign-" + scenario.name() + "-" + i, 0);
        t.setDaemon(true); // a stuck seed must not keep the JVM alive after the budget
        t.start();
        workers.add(t);
      }
      interrupted = coordinate(workers, junit);
      long elapsedNanos = System.nanoTime() - startNanos;
      StopReason reason = tally.seedsRun == planned ? StopReason.COMPLETED
          : stopReason != null ? stopReason : StopReason.TIME_BUDGET;
      CampaignResult result = new CampaignResult(scenario.name(), options, planned, tally.seedsRun, tally.passed,
          tally.failedByOutcome, tally.determinismChecks, reason, Duration.ofNanos(elapsedNanos), tally.coverage(),
          tally.buggify(), tally.coverageDropped + tally.buggifyDropped, tally.failures(), tally.failuresOmitted,
          junitPath, summaryPath);
      if (junit != null) {
        junit.finish(className(), tally.seedsRun, tally.failed(), elapsedNanos, properties(reason));
      }
      if (summaryPath.isPresent()) {
        AtomicFiles.writeString(summaryPath.get(), SummaryJson.of(result) + "\n");
      }
      listener.progress(progress(true, startNanos + elapsedNanos));
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write under " + options.outDir().orElseThrow() + ": " + e, e);
    } finally {
      stop.set(true);
      drainUntilExited(workers);
      closeQuietly(junit);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Takes results until every worker has exited; returns whether this thread was interrupted. */
  private boolean coordinate(List<Thread> workers, JUnitXml junit) throws IOException {
    boolean interrupted = false;
    WorkerExit failed = null;
    long lastProgress = startNanos;
    int alive = workers.size();
    while (alive > 0) {
      Object item;
      try {
        item = results.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
        stopWith(StopReason.INTERRUPTED);
        continue;
      }
      if (item instanceof SeedWork.Finished f) {
        handle(f, junit);
      } else if (item instanceof WorkerExit exit) {
        alive--;
        if (exit.error().isPresent() && failed == null) {
          failed = exit;
          stop.set(true);
        }
      } else if (workers.stream().noneMatch(Thread::isAlive) && results.isEmpty()) { // dead first: then nothing more comes
        break; // defensive: a worker that died without its last word must not hang the campaign
      }
      long now = System.nanoTime();
      if (pastDeadline(now)) {
        stopWith(StopReason.TIME_BUDGET);
      }
      if (now - lastProgress >= Campaign.Progress.INTERVAL.toNanos()) {
        lastProgress = now;
        listener.progress(progress(false, now));
      }
    }
    if (failed != null) {
      String reproduce = ReproduceCommand.of(scenario.name(), failed.seed(), options.run().bug(), Optional.empty(), false);
      throw new IllegalStateException("seed " + Seeds.format(failed.seed()) + " of " + scenario.name()
          + " threw outside the simulation (in the scenario's setup or check, or in Hourglass): "
          + failed.error().get() + "; reproduce with: " + reproduce, failed.error().get());
    }
    return interrupted;
  }

  private void handle(SeedWork.Finished f, JUnitXml junit) throws IOException {
    Optional<Path> artifacts = f.failure().isPresent() && options.outDir().isPresent()
        && artifactsWritten < options.artifactsMax()
        ? Optional.of(ArtifactFolder.of(options.outDir().get(), scenario.name(), f.seed())) : Optional.empty();
    // An explicit plan is replayed from the seed's folder, else from the shared copy; without an
    // out dir there is no file to point at, and the command names plan.json, the plan's usual name.
    Optional<Path> planFile = options.run().plan().isEmpty() ? Optional.empty()
        : Optional.of(artifacts.map(d -> d.resolve("plan.json")).orElse(sharedPlanFile.orElse(Path.of("plan.json"))));
    String reproduce = ReproduceCommand.of(scenario.name(), f.seed(), options.run().bug(), planFile,
        f.outcome() == Outcome.NONDETERMINISM);
    if (artifacts.isPresent()) {
      ArtifactFolder.write(artifacts.get(), f.failure().get(), reproduce);
      artifactsWritten++;
    }
    SeedReport report = new SeedReport(f.index(), f.seed(), f.outcome(), f.reason(),
        f.failure().map(RunResult::failureClass).orElse(""), f.traceHash(), f.wallNanos(),
        f.determinismChecked(), reproduce, artifacts);
    tally.add(report, f.coverage(), f.buggify());
    if (junit != null) {
      junit.add(className(), report, f.failure().flatMap(RunResult::check).map(CheckOutcome::explanation)
          .filter(e -> f.outcome() == Outcome.SAFETY_VIOLATION).orElse(""));
    }
    listener.seedDone(report);
    if (report.failed() && options.stopAtFirst()) {
      stopWith(StopReason.FIRST_FAILURE);
    }
  }

  private void work() {
    long seed = 0;
    try {
      while (!stop.get() && !pastDeadline(System.nanoTime())) {
        long position = nextPosition.getAndIncrement();
        if (position >= planned) {
          break;
        }
        long index = options.shard().seedIndex(position);
        seed = options.seeds().seedAt(index);
        int every = options.checkDeterminismEvery();
        SeedWork.Finished finished = SeedWork.run(scenario, options.run(), index, seed, every > 0 && position % every == 0);
        if (finished.outcome().failed() && options.stopAtFirst()) {
          stop.set(true); // now, not when the coordinator gets to it: other workers start nothing new
        }
        results.put(finished);
      }
      results.put(new WorkerExit(Optional.empty(), seed));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // nothing interrupts a worker; if something does, it ends
    } catch (Throwable t) { // reported by the coordinator, with the seed
      try {
        results.put(new WorkerExit(Optional.of(t), seed));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean pastDeadline(long now) {
    return options.timeBudget().isPresent() && now - deadlineNanos >= 0;
  }

  private void stopWith(StopReason reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
    stop.set(true);
  }

  /** After the coordinator is done (or failed): discard results so no worker blocks on the queue, and wait for them. */
  private void drainUntilExited(List<Thread> workers) {
    for (Thread t : workers) {
      while (t.isAlive()) {
        results.clear();
        try {
          t.join(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private Campaign.Progress progress(boolean finished, long now) {
    Optional<Duration> left = options.timeBudget().map(b -> Duration.ofNanos(Math.max(0, deadlineNanos - now)));
    return new Campaign.Progress(tally.seedsRun, planned, tally.failed(), Duration.ofNanos(now - startNanos), left, finished);
  }

  /** {@code test-register}, or {@code test-register-shard-3-of-8} for one shard of several. */
  private String stem() {
    return scenario.name() + (options.shard().count() > 1
        ? "-shard-" + options.shard().index() + "-of-" + options.shard().count() : "");
  }

  private String className() {
    return "hourglass." + scenario.name();
  }

  private Map<String, String> properties(StopReason reason) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("hourglass.scenario", scenario.name());
    p.put("hourglass.bug", options.run().bug().orElse(""));
    p.put("hourglass.seeds", options.seeds().describe());
    p.put("hourglass.shard", options.shard().toString());
    p.put("hourglass.seedsPlanned", Long.toString(planned));
    p.put("hourglass.stoppedBy", reason.name());
    return p;
  }

  private static void closeQuietly(JUnitXml junit) {
    if (junit != null) {
      try {
        junit.close();
      } catch (IOException e) {
        // Only the temporary test-case file is lost; the report itself was written or never will be.
      }
    }
  }
}
