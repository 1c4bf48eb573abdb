/** Version-order inference, dependency graphs and the cycle search; not an API. */
package dev.hourglass.checkers.txn.internal;
