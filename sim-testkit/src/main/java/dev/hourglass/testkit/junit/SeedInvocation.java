package dev.hourglass.testkit.junit;

import dev.hourglass.runtime.Seeds;
import dev.hourglass.runtime.SimRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.IncompleteExecutionException;

/**
 * One seed's invocation of a {@link SimulationTest}: its display name ({@code seed=0x…}), the
 * parameters it resolves ({@code long} seed, {@link SimRandom}, {@link SeedContext}), and the
 * handler that adds the reproduce command to whatever the test body, or a {@code @BeforeEach} or
 * {@code @AfterEach} method of it, throws.
 */
final class SeedInvocation implements TestTemplateInvocationContext, ParameterResolver,
    TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
  private final SeedContext context;

  SeedInvocation(long seed, TestCoordinates coordinates, ShrinkSetting shrink) {
    this.context = new SeedContext(seed, coordinates, shrink);
  }

  @Override
  public String getDisplayName(int invocationIndex) {
    return "seed=" + Seeds.format(context.seed());
  }

  @Override
  public List<Extension> getAdditionalExtensions() {
    return List.of(this);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    Class<?> type = parameter.getParameter().getType();
    return type == long.class || type == SimRandom.class || type == SeedContext.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    Class<?> type = parameter.getParameter().getType();
    if (type == long.class) {
      return context.seed();
    }
    if (type == SimRandom.class) {
      return context.random();
    }
    return context;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext extension, Throwable throwable) throws Throwable {
    throw withReproduceCommand(throwable);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext extension, Throwable throwable)
      throws Throwable {
    throw withReproduceCommand(throwable);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext extension, Throwable throwable)
      throws Throwable {
    throw withReproduceCommand(throwable);
  }

  /**
   * {@code throwable} with the seed, the artifact folder of a failing run (if any) and the
   * reproduce command added to its message, the original kept as the cause. Left as they are: a
   * skipped or aborted test (an assumption), a failure whose message already has the command
   * ({@link SeedContext#assertPassed}), and errors of the JVM itself.
   */
  Throwable withReproduceCommand(Throwable throwable) {
    String command = context.reproduceCommand();
    if (throwable instanceof IncompleteExecutionException
        || throwable instanceof VirtualMachineError
        || String.valueOf(throwable.getMessage()).contains(command)) {
      return throwable;
    }
    String original = throwable instanceof AssertionError
        ? Optional.ofNullable(throwable.getMessage()).orElse(throwable.getClass().getName())
        : throwable.toString();
    String message = original + "\n" + "seed=" + Seeds.format(context.seed()) + " failed"
        + context.artifactsLine().map(line -> "\n" + line).orElse("")
        + "\nreproduce with: " + command;
    Throwable wrapped;
    if (throwable instanceof AssertionFailedError afe && (afe.isExpectedDefined() || afe.isActualDefined())) {
      wrapped = new AssertionFailedError(message,
          afe.isExpectedDefined() ? afe.getExpected().getValue() : null,
          afe.isActualDefined() ? afe.getActual().getValue() : null, throwable);
    } else if (throwable instanceof AssertionError) {
      wrapped = new AssertionError(message, throwable);
    } else {
      wrapped = new SeedFailedException(message, throwable);
    }
    wrapped.setStackTrace(throwable.getStackTrace()); // an IDE's link goes to the line that failed
    return wrapped;
  }
}
