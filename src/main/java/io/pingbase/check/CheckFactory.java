package io.pingbase.check;

import io.pingbase.check.tcp.TcpCheck;
import io.pingbase.net.NetworkPolicy;

/**
 * Builds the check for a target, handing it the shared resources it needs (the resolver). The one
 * place a new protocol is registered: add a case, and the compiler points at every other switch.
 */
public final class CheckFactory {
  private final Resolver resolver;
  private final NetworkPolicy policy;

  public CheckFactory(Resolver resolver) {
    this(resolver, NetworkPolicy.SELF_HOSTED);
  }

  /** @param policy which addresses checks may connect to (the {@code network:} section) */
  public CheckFactory(Resolver resolver, NetworkPolicy policy) {
    this.resolver = resolver;
    this.policy = java.util.Objects.requireNonNull(policy, "policy");
  }

  public Check create(Target target) {
    return switch (target) {
      case Target.Tcp tcp -> new TcpCheck(tcp.host(), tcp.port(), tcp.protocol(), resolver, policy);
      // Passive: the engine binds heartbeats to its HeartbeatHub; there is nothing to dial.
      case Target.Heartbeat hb -> timeout -> CheckResult.down(FailureReason.ERROR,
          "a heartbeat monitor is passive: it is judged by the server from the pings it receives", 0, Phases.NONE, null);
      case Target.Dns dns -> new io.pingbase.check.dns.DnsCheck(dns, resolver, io.pingbase.check.dns.DnsCheck::systemServers,
          policy);
      case Target.Tls tls -> new io.pingbase.check.tls.TlsCheck(tls, resolver, java.time.InstantSource.system(), policy);
      case Target.Http http -> new io.pingbase.check.http.HttpCheck(http, resolver, java.time.InstantSource.system(),
          policy);
    };
  }
}
