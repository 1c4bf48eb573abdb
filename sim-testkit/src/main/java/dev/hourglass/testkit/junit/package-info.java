/**
 * JUnit 5 integration: {@link dev.hourglass.testkit.junit.SimulationTest} runs a test method
 * once per seed, displayed as {@code seed=0x…}; the method takes the seed, a {@link
 * dev.hourglass.runtime.SimRandom} drawn from it, or a {@link
 * dev.hourglass.testkit.junit.SeedContext} that runs scenarios for it; a failing seed's message
 * says how to re-run exactly that seed.
 *
 * <p>Only {@code SimulationTest}, {@code SeedContext} and {@code SeedFailedException} are meant
 * to be named by users; {@code SimulationTestExtension} is public so that JUnit can instantiate
 * it on any class or module path.
 */
package dev.hourglass.testkit.junit;
