package dev.hourglass.samples.microraft;

import static com.google.common.base.Preconditions.checkArgument;

import io.microraft.RaftEndpoint;

/**
 * A MicroRaft endpoint named by its simulation node ({@code n1}). MicroRaft keys hash maps and
 * sets by {@link RaftEndpoint} and iterates some of them (followers to replicate to, votes), so
 * the endpoint must hash by value: a record of a String hashes the same in every run and every
 * JVM, where an object with identity hashing would make the iteration order — and the seed's
 * run — differ from one JVM to the next.
 */
record SimEndpoint(String id) implements RaftEndpoint {
  SimEndpoint {
    checkArgument(id != null && !id.isEmpty(), "an endpoint needs a node name");
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
