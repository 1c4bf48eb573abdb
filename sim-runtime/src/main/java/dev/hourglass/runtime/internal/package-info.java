/** Kernel implementation details; not an API. */
package dev.hourglass.runtime.internal;
