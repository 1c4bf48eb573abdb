/** Example systems under test, with planted bugs. */
package dev.hourglass.samples;
