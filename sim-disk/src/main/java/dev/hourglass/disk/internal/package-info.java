/** Disk implementation details; not an API. */
package dev.hourglass.disk.internal;
