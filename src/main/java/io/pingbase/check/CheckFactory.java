package io.pingbase.check;

import io.pingbase.check.tcp.TcpCheck;

/**
 * Builds the check for a target, handing it the shared resources it needs (the resolver). The one
 * place a new protocol is registered: add a case, and the compiler points at every other switch.
 */
public final class CheckFactory {
  private final Resolver resolver;

  public CheckFactory(Resolver resolver) {
    this.resolver = resolver;
  }

  public Check create(Target target) {
    return switch (target) {
      case Target.Tcp tcp -> new TcpCheck(tcp.host(), tcp.port(), resolver);
      case Target.Http http -> new io.pingbase.check.http.HttpCheck(http, resolver, java.time.InstantSource.system());
    };
  }
}
