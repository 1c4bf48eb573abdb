/** JMH benchmarks. */
package dev.hourglass.benchmarks;
