package dev.hourglass.samples.raft;

import dev.hourglass.samples.raft.Messages.ClientRequest;
import dev.hourglass.samples.raft.Messages.ClientResponse;
import dev.hourglass.testkit.ClientOp;
import dev.hourglass.testkit.ClientProtocol;
import dev.hourglass.testkit.Reply;
import java.util.Arrays;
import java.util.List;

/**
 * How a workload's clients talk to the Raft KV store: {@code get [k nil]}, {@code put [k v]},
 * {@code append [k v]} and {@code cas [k [expected new]]} become {@link ClientRequest}s carrying
 * the client's id and sequence (so a retried write applies once), and each {@link
 * ClientResponse} becomes a reply in the kv model's terms: a get's value is the tuple {@code [k
 * v]}, a write's is the value it wrote.
 */
final class RaftKvProtocol implements ClientProtocol {
  @Override
  public Object request(ClientOp op, int clientId, long sequence) {
    List<?> kv = (List<?>) op.value();
    String key = (String) kv.get(0);
    if (op.function().equals(Messages.CAS)) {
      List<?> pair = (List<?>) kv.get(1);
      return new ClientRequest(Messages.CAS, key, (String) pair.get(1), (String) pair.get(0), clientId, sequence);
    }
    return new ClientRequest(op.function(), key, (String) kv.get(1), null, clientId, sequence);
  }

  @Override
  public Reply interpret(ClientOp op, Object response) {
    ClientResponse r = (ClientResponse) response;
    return switch (r.status()) {
      case ClientResponse.OK -> {
        if (op.function().equals(Messages.GET)) {
          List<?> kv = (List<?>) op.value();
          yield Reply.ok(Arrays.asList(kv.get(0), r.value()));
        }
        yield Reply.ok(op.value());
      }
      case ClientResponse.FAIL -> Reply.fail(r.value());
      case ClientResponse.REDIRECT -> Reply.redirect(r.leader());
      default -> throw new IllegalArgumentException("unknown status in " + r);
    };
  }
}
