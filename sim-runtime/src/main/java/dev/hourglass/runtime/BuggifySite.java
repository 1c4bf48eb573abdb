package dev.hourglass.runtime;

/**
 * What one fault point did in a run.
 *
 * @param site the name passed to {@code buggify}
 * @param enabled whether the site was enabled for this run (drawn once, when first evaluated)
 * @param evaluations how often it was evaluated
 * @param fired how often it returned true
 */
public record BuggifySite(String site, boolean enabled, long evaluations, long fired) {}
