package dev.hourglass.samples.microraft;

import dev.hourglass.samples.microraft.KvOps.Request;
import dev.hourglass.samples.microraft.KvOps.Response;
import dev.hourglass.testkit.ClientOp;
import dev.hourglass.testkit.ClientProtocol;
import dev.hourglass.testkit.Reply;
import java.util.Arrays;
import java.util.List;

/**
 * How a workload's clients talk to the MicroRaft KV store: {@code get [k nil]}, {@code put [k v]},
 * {@code append [k v]} and {@code cas [k [expected new]]} become {@link Request}s carrying the
 * client's id and sequence, and each {@link Response} becomes a reply in the kv model's terms: a
 * get's value is the tuple {@code [k v]}, a write's is the value it wrote; a redirect names the
 * leader the server believes in.
 */
final class MicroRaftProtocol implements ClientProtocol {
  @Override
  public Object request(ClientOp op, int clientId, long sequence) {
    List<?> kv = (List<?>) op.value();
    String key = (String) kv.get(0);
    if (op.function().equals(KvOps.CAS)) {
      List<?> pair = (List<?>) kv.get(1);
      return new Request(KvOps.CAS, key, (String) pair.get(1), (String) pair.get(0), clientId, sequence);
    }
    return new Request(op.function(), key, (String) kv.get(1), null, clientId, sequence);
  }

  @Override
  public Reply interpret(ClientOp op, Object response) {
    Response r = (Response) response;
    return switch (r.status()) {
      case Response.OK -> {
        if (op.function().equals(KvOps.GET)) {
          List<?> kv = (List<?>) op.value();
          yield Reply.ok(Arrays.asList(kv.get(0), r.value()));
        }
        yield Reply.ok(op.value());
      }
      case Response.FAIL -> Reply.fail(r.value());
      case Response.REDIRECT -> Reply.redirect(r.leader());
      default -> throw new IllegalArgumentException("unknown status in " + r);
    };
  }
}
