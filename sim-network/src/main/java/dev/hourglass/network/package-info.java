/** A simulated network for nodes of a Simulation. */
package dev.hourglass.network;
