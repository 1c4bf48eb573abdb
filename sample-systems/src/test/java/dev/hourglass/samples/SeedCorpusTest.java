package dev.hourglass.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hourglass.testkit.SeedCorpus;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The repository's seed corpus ({@code seeds/} at the root): every record replays to the outcome
 * and failure class it was recorded with — each planted bug of raft-kv is still found by its seed,
 * and the correct store still passes the seeds it passed.
 */
class SeedCorpusTest {
  @TestFactory
  @DisplayName("every record of seeds/ replays to its expected outcome and failure class")
  Stream<DynamicTest> seedCorpusReplays() {
    return SeedCorpus.dynamicTests(SeedCorpus.locate());
  }

  @Test
  @DisplayName("the corpus is not empty: a factory over no records would pass without replaying anything")
  void corpusIsNotEmpty() {
    Path dir = SeedCorpus.locate();
    assertFalse(SeedCorpus.load(dir).isEmpty(), "no records in " + dir);
  }
}
