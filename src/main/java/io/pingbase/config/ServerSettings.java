package io.pingbase.config;

import io.pingbase.net.Cidr;
import java.net.InetAddress;
import java.util.List;

/**
 * Where the web UI and REST API listen, and how they see their clients.
 *
 * @param bind           address to bind; loopback by default, so exposing PingBase is a deliberate
 *                       choice
 * @param port           TCP port; 0 picks a free one (for tests)
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} and
 *                       {@code X-Forwarded-Proto} are believed; from anyone else these headers are
 *                       ignored, so a client cannot pick the address its sign-ins are throttled by
 * @param publicUrl      the address people reach PingBase at ({@code https://pingbase.example.com}),
 *                       for links in the log and in invitations; null: taken from each request
 */
public record ServerSettings(String bind, int port, List<Cidr> trustedProxies, String publicUrl) {
  public static final ServerSettings DEFAULT = new ServerSettings("127.0.0.1", 8080);

  public ServerSettings {
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("bind must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, was " + port);
    }
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
  }

  public ServerSettings(String bind, int port) {
    this(bind, port, List.of(), null);
  }

  /** Whether a connection from {@code peer} comes from a proxy whose forwarding headers count. */
  public boolean trusts(InetAddress peer) {
    for (Cidr c : trustedProxies) {
      if (c.contains(peer)) {
        return true;
      }
    }
    return false;
  }
}
