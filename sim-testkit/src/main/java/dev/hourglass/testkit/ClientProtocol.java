package dev.hourglass.testkit;

/**
 * How a workload's client talks to the system under test: the request message for an operation
 * (a record, sent by RPC), and what a response means. Timeouts are the client's business: an
 * operation that gets no response in time is recorded as {@code info}.
 */
public interface ClientProtocol {
  /** The request to send for {@code op} (a value that survives serialisation). */
  Object request(ClientOp op, int clientId, long sequence);

  /** The meaning of {@code response} to {@code op}. */
  Reply interpret(ClientOp op, Object response);
}
