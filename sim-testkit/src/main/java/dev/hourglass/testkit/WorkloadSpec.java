package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * The client side of a run: how many clients, how many operations, how fast, and what.
 *
 * @param clients concurrent client processes (each a node named {@code client-i})
 * @param operationsMax operations issued in the safety phase, over all clients
 * @param thinkNanosMin least pause between a client's operations (virtual)
 * @param thinkNanosMax most pause between a client's operations (virtual)
 * @param requestTimeoutNanos after this, an unanswered operation is recorded as {@code info}
 * @param generator what each operation is
 * @param finalReads operations every client issues once the faults are healed (e.g. a read of
 *     each key), so the checker sees the final state; may be empty
 */
public record WorkloadSpec(
    int clients,
    int operationsMax,
    long thinkNanosMin,
    long thinkNanosMax,
    long requestTimeoutNanos,
    OpGenerator generator,
    List<ClientOp> finalReads) {

  public WorkloadSpec {
    checkArgument(clients >= 1 && clients <= 1024, "clients must be in 1..1024: clients=%s", clients);
    checkArgument(operationsMax >= 0, "operationsMax must be >= 0: operationsMax=%s", operationsMax);
    checkArgument(thinkNanosMin >= 0 && thinkNanosMax >= thinkNanosMin,
        "need 0 <= thinkNanosMin <= thinkNanosMax: thinkNanosMin=%s thinkNanosMax=%s", thinkNanosMin, thinkNanosMax);
    checkArgument(requestTimeoutNanos > 0, "requestTimeoutNanos must be positive: requestTimeoutNanos=%s", requestTimeoutNanos);
    checkNotNull(generator, "generator");
    finalReads = List.copyOf(finalReads);
  }

  public WorkloadSpec withOperationsMax(int value) {
    return new WorkloadSpec(clients, value, thinkNanosMin, thinkNanosMax, requestTimeoutNanos, generator, finalReads);
  }

  public WorkloadSpec withClients(int value) {
    return new WorkloadSpec(value, operationsMax, thinkNanosMin, thinkNanosMax, requestTimeoutNanos, generator, finalReads);
  }
}
