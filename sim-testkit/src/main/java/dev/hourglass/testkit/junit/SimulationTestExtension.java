package dev.hourglass.testkit.junit;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit extension behind {@link SimulationTest}: one invocation per seed. Registered by the
 * annotation; public only so that JUnit can instantiate it wherever the test runs.
 */
public final class SimulationTestExtension implements TestTemplateInvocationContextProvider {
  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, SimulationTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    Class<?> testClass = context.getRequiredTestClass();
    SimulationTest annotation = AnnotationSupport.findAnnotation(method, SimulationTest.class)
        .orElseThrow(() -> new IllegalStateException("supportsTestTemplate accepted a method without @SimulationTest: "
            + method));
    Function<String, Optional<String>> parameters = key -> parameter(context, key);
    TestCoordinates coordinates = TestCoordinates.of(testClass, method.getName(), parameters.apply(TestCoordinates.MODULE));
    SeedSelection seeds = SeedSelection.of(annotation, coordinates.testClass() + "#" + coordinates.method(), parameters);
    ShrinkSetting shrink = ShrinkSetting.of(parameters, coordinates.testClass() + "#" + coordinates.method());
    return seeds.seeds().mapToObj(seed -> new SeedInvocation(seed, coordinates, shrink));
  }

  /**
   * A JUnit configuration parameter, else the JVM system property of that name. JUnit's own
   * launcher already falls back to system properties, but a launcher may switch that off (JUnit's
   * EngineTestKit does), and {@code -Dhourglass.seed} must work under every launcher.
   */
  private static Optional<String> parameter(ExtensionContext context, String key) {
    return context.getConfigurationParameter(key).or(() -> Optional.ofNullable(System.getProperty(key)));
  }
}
