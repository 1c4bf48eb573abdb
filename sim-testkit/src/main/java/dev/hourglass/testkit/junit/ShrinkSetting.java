package dev.hourglass.testkit.junit;

import static com.google.common.base.Preconditions.checkArgument;

import dev.hourglass.testkit.ShrinkOptions;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a failing seed is shrunk before it is reported: {@code -Dhourglass.shrink=true}, with
 * {@code -Dhourglass.shrink.runs=N} candidate runs at most (default {@link
 * ShrinkOptions#RUNS_MAX_DEFAULT}). Read like the seed properties: JUnit configuration parameter,
 * else system property.
 *
 * @param enabled shrink failing runs
 * @param options the shrink's budget
 */
record ShrinkSetting(boolean enabled, ShrinkOptions options) {
  static final String SHRINK = "hourglass.shrink";
  static final String SHRINK_RUNS = "hourglass.shrink.runs";

  static ShrinkSetting off() {
    return new ShrinkSetting(false, ShrinkOptions.defaults());
  }

  /**
   * @throws IllegalArgumentException naming the property, its value and what is expected, if malformed
   */
  static ShrinkSetting of(Function<String, Optional<String>> parameters, String test) {
    Optional<String> shrink = parameters.apply(SHRINK).map(v -> v.strip().toLowerCase(Locale.ROOT));
    boolean enabled = switch (shrink.orElse("false")) {
      case "true", "" -> true; // a bare -Dhourglass.shrink means "on"
      case "false" -> false;
      default -> throw new IllegalArgumentException(test + ": " + SHRINK + "=" + shrink.get() + " is not a boolean (expected true or false)");
    };
    ShrinkOptions options = ShrinkOptions.defaults();
    Optional<String> runs = parameters.apply(SHRINK_RUNS);
    if (runs.isPresent()) {
      int n;
      try {
        n = Integer.parseInt(runs.get().strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(test + ": " + SHRINK_RUNS + "=" + runs.get() + " is not a number of runs (expected e.g. 200)", e);
      }
      checkArgument(n >= 1, "%s: %s must be >= 1: %s=%s", test, SHRINK_RUNS, SHRINK_RUNS, n);
      options = options.withRunsMax(n);
    }
    return new ShrinkSetting(enabled, options);
  }
}
