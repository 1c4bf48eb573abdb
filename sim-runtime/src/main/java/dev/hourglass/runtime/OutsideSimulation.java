package dev.hourglass.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code that legitimately lives outside the simulated world — the seed runner's worker
 * pool, the CLI, wall-clock budgets of a fuzz campaign — and may therefore use threads, the wall
 * clock or unseeded randomness. The build's determinism check (forbiddenapis) skips what carries
 * it. The reason is mandatory so that every exemption is argued where it is made.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface OutsideSimulation {
  /** Why this code is not part of any simulation. */
  String value();
}
