package dev.hourglass.testkit;

import dev.hourglass.runtime.SimRandom;

/** Draws a client's next operation from its random stream (Jepsen's generators, as a function). */
@FunctionalInterface
public interface OpGenerator {
  ClientOp next(SimRandom random);
}
