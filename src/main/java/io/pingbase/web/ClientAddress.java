package io.pingbase.web;

import io.javalin.http.Context;
import io.pingbase.config.ServerSettings;
import io.pingbase.net.Cidr;
import java.net.InetAddress;
import java.util.List;

/**
 * The client's address and scheme. The connection's peer, unless that peer is one of
 * {@code server.trusted-proxies}: then the proxies' {@code X-Forwarded-For} is read from the right,
 * skipping trusted hops, and the first address not trusted is the client (a client can put
 * anything on the left of that header; only what our proxies appended counts). Likewise
 * {@code X-Forwarded-Proto} counts only from a trusted peer.
 */
final class ClientAddress {
  /** Longest address kept; anything longer from a proxy is cut (it is a throttle key, not parsed). */
  private static final int MAX = 64;

  record Client(String address, boolean secure) {}

  private ClientAddress() {}

  static Client of(Context ctx, ServerSettings server) {
    String peer = ctx.req().getRemoteAddr();
    boolean secure = ctx.req().isSecure();
    InetAddress peerAddress = Cidr.address(peer);
    if (peerAddress == null || !server.trusts(peerAddress)) {
      return new Client(peer, secure);
    }
    String client = peer;
    List<String> forwarded = ctx.req().getHeaders("X-Forwarded-For") == null ? List.of()
        : java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For"));
    List<String> hops = new java.util.ArrayList<>();
    for (String header : forwarded) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.strip());
        }
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      client = hop.length() > MAX ? hop.substring(0, MAX) : hop;
      InetAddress a = Cidr.address(unbracket(hop));
      if (a == null || !server.trusts(a)) {
        break;
      }
    }
    String proto = ctx.header("X-Forwarded-Proto");
    if (proto != null) {
      String[] values = proto.split(",");
      secure = "https".equalsIgnoreCase(values[values.length - 1].strip());
    }
    return new Client(client, secure);
  }

  private static String unbracket(String s) {
    return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
  }
}
