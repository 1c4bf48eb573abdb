/** The search itself; not an API. */
package dev.hourglass.checkers.linear.internal;
