package dev.hourglass.samples.kraft.common;

import dev.hourglass.testkit.ClientOp;
import dev.hourglass.testkit.ClientProtocol;
import dev.hourglass.testkit.Reply;
import java.util.List;

/**
 * How the workload's clients talk to the KRaft servers. {@code append v} asks the leader to
 * append record {@code v}; it is acknowledged with {@code [v offset]} once the record is
 * committed at {@code offset}. {@code read} appends a marker record and, once it commits, returns
 * {@code [upTo [[offset v] ...]]}: every data record committed below the marker's offset — a
 * read through the log, so it is never stale.
 */
public final class KraftProtocol implements ClientProtocol {
  public static final String APPEND = "append";
  public static final String READ = "read";
  public static final String MARKER_PREFIX = "r:";

  /** A client's request to a server. */
  public record ClientRequest(String function, String value) {}

  /**
   * A server's answer: {@code status} OK, FAIL or REDIRECT; for an append its offset; for a read
   * the marker's offset and the records below it.
   */
  public record ClientResponse(String status, long offset, List<List<Object>> records, String leader) {
    public static final String OK = "ok";
    public static final String FAIL = "fail";
    public static final String REDIRECT = "redirect";

    public static ClientResponse redirect(String leader) {
      return new ClientResponse(REDIRECT, -1, List.of(), leader);
    }
  }

  @Override
  public Object request(ClientOp op, int clientId, long sequence) {
    if (op.function().equals(READ)) {
      return new ClientRequest(READ, MARKER_PREFIX + clientId + ":" + sequence);
    }
    return new ClientRequest(APPEND, (String) op.value());
  }

  @Override
  public Reply interpret(ClientOp op, Object response) {
    ClientResponse r = (ClientResponse) response;
    return switch (r.status()) {
      case ClientResponse.OK -> op.function().equals(READ)
          ? Reply.ok(List.of(r.offset(), r.records()))
          : Reply.ok(List.of(op.value(), r.offset()));
      case ClientResponse.FAIL -> Reply.fail("a different record was committed at offset " + r.offset());
      case ClientResponse.REDIRECT -> Reply.redirect(r.leader());
      default -> throw new IllegalArgumentException("unknown status in " + r);
    };
  }
}
