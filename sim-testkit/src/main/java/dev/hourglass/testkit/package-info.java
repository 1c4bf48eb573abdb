/** What a test author touches: scenarios, workloads, nemesis, runner, JUnit 5 integration. */
package dev.hourglass.testkit;
