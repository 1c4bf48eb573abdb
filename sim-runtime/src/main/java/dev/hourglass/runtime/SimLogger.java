package dev.hourglass.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SLF4J logger whose every line starts with the virtual time and the node, e.g. {@code
 * [t=1.250000000s n3] became leader in term 4}: logs of a simulated run read in virtual time,
 * never wall time. Formatting happens only when the level is enabled.
 */
public final class SimLogger {
  private final Simulation simulation;
  private final String node;
  private final Logger delegate;

  SimLogger(Simulation simulation, String loggerName, String node) {
    this.simulation = simulation;
    this.node = node;
    this.delegate = LoggerFactory.getLogger("hourglass." + loggerName);
  }

  private String prefix(String format) {
    return "[t=" + Seeds.formatNanos(simulation.nowNanos()) + " " + node + "] " + format;
  }

  public boolean isDebugEnabled() {
    return delegate.isDebugEnabled();
  }

  public void trace(String format, Object... args) {
    if (delegate.isTraceEnabled()) {
      delegate.trace(prefix(format), args);
    }
  }

  public void debug(String format, Object... args) {
    if (delegate.isDebugEnabled()) {
      delegate.debug(prefix(format), args);
    }
  }

  public void info(String format, Object... args) {
    if (delegate.isInfoEnabled()) {
      delegate.info(prefix(format), args);
    }
  }

  public void warn(String format, Object... args) {
    if (delegate.isWarnEnabled()) {
      delegate.warn(prefix(format), args);
    }
  }

  public void error(String format, Object... args) {
    if (delegate.isErrorEnabled()) {
      delegate.error(prefix(format), args);
    }
  }
}
