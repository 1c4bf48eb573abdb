package dev.hourglass.testkit.cli;

import dev.hourglass.testkit.SeedCorpus;
import dev.hourglass.testkit.SeedRecord;
import dev.hourglass.testkit.internal.RecordReproduce;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass corpus check [DIR]}: replays every record of the corpus, in file-name order,
 * and prints one line per record:
 *
 * <ul>
 *   <li>{@code ok FILE EXPECTATION trace-hash=…} — the same outcome and failure class, and the
 *       same run (trace hash);
 *   <li>{@code CHANGED FILE EXPECTATION trace-hash=… (recorded …)} — the same outcome and failure
 *       class, but the seed now means a different run (the system or Hourglass changed): the
 *       record still holds;
 *   <li>{@code FAIL FILE expected …, found …; reproduce with: …} — the record no longer holds.
 * </ul>
 *
 * Then a total line. Exit 0 when every record holds (ok or CHANGED), 1 when one failed, 64 bad input.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Replay every record of the seed corpus and say whether each still shows its expected outcome "
        + "and failure class.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every record holds (ok or CHANGED)", "1:some record FAILed", "64:bad usage or an unreadable record"})
final class CorpusCheckCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = SeedCorpus.DIRECTORY,
      description = "The corpus directory (default: ${DEFAULT-VALUE}).")
  private Path dir;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "hourglass-out",
      description = "Where the fault plan of a failing record with an explicit plan is written, for its reproduce "
          + "command: DIR/corpus/ (default: ${DEFAULT-VALUE}).")
  private Path out;

  @Override
  public Integer call() {
    List<CorpusCommand.Loaded> records = CorpusCommand.load(dir);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("corpus " + dir + ": " + records.size() + (records.size() == 1 ? " record" : " records"));
    stdout.flush();
    int ok = 0;
    int changed = 0;
    int failed = 0;
    for (CorpusCommand.Loaded loaded : records) {
      SeedRecord record = loaded.entry().record();
      SeedCorpus.Replay replay = SeedCorpus.replay(record);
      if (!replay.matches()) {
        failed++;
        stdout.println("FAIL " + loaded.name() + " expected " + record.expectation() + ", found " + replay.found()
            + " (trace-hash " + replay.result().trace().hashHex() + ", recorded " + record.traceHashHex()
            + "); reproduce with: " + RecordReproduce.command(record, out.resolve("corpus").toAbsolutePath()));
      } else if (!replay.sameRun()) {
        changed++;
        stdout.println("CHANGED " + loaded.name() + " " + record.expectation() + " trace-hash="
            + replay.result().trace().hashHex() + " (recorded " + record.traceHashHex()
            + "): the seed now means a different run that shows the same");
      } else {
        ok++;
        stdout.println("ok " + loaded.name() + " " + record.expectation() + " trace-hash=" + record.traceHashHex());
      }
      stdout.flush();
    }
    stdout.println(records.size() + (records.size() == 1 ? " record: " : " records: ") + ok + " ok, " + changed
        + " changed, " + failed + " failed");
    if (failed > 0) {
      stdout.println("a FAILed record of a planted bug can get a new seed with: ./hourglass corpus refind " + dir);
    }
    return failed == 0 ? 0 : 1;
  }
}
