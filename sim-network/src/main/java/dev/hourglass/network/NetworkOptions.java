package dev.hourglass.network;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Options of a whole network.
 *
 * @param defaultLink behaviour of every link without an override
 * @param copyMessages round-trip every message through Jackson before it leaves the sender, so
 *     that no two nodes ever share a mutable object and a message that cannot be serialised fails
 *     loudly, naming its type; default true (our own tests keep it on; turn it off only for raw
 *     speed with messages known to be immutable)
 */
public record NetworkOptions(LinkOptions defaultLink, boolean copyMessages) {
  public NetworkOptions {
    checkNotNull(defaultLink, "defaultLink");
  }

  public static NetworkOptions defaults() {
    return new NetworkOptions(LinkOptions.defaults(), true);
  }

  public NetworkOptions withDefaultLink(LinkOptions value) {
    return new NetworkOptions(value, copyMessages);
  }

  public NetworkOptions withCopyMessages(boolean value) {
    return new NetworkOptions(defaultLink, value);
  }
}
