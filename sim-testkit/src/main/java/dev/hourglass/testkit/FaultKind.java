package dev.hourglass.testkit;

import java.util.Locale;

/** The kinds of fault a nemesis can inject; swarm testing enables a random subset per seed. */
public enum FaultKind {
  PARTITION,
  CRASH,
  PAUSE,
  CLOCK_SKEW,
  CLOG,
  MESSAGE_LOSS,
  DISK,
  BUGGIFY;

  /** {@code clock-skew}, as printed in banners and accepted in options. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
