/** Network implementation details; not an API. */
package dev.hourglass.network.internal;
