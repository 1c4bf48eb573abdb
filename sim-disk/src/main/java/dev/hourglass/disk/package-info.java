/** Simulated storage for nodes of a Simulation. */
package dev.hourglass.disk;
