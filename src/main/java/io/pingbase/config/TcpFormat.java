package io.pingbase.config;

import io.pingbase.check.Target;
import java.util.List;
import java.util.Map;

/** {@code type: tcp}: {@code host} and {@code port}. */
final class TcpFormat implements TargetFormat<Target.Tcp> {

  @Override
  public String type() {
    return "tcp";
  }

  @Override
  public Class<Target.Tcp> targetClass() {
    return Target.Tcp.class;
  }

  @Override
  public List<String> keys() {
    return List.of("host", "port");
  }

  @Override
  public Target.Tcp read(MapReader r) {
    String host = TargetKeys.host(r, "host");
    Integer port = TargetKeys.port(r, "port");
    return host == null || port == null ? null : new Target.Tcp(host, port);
  }

  @Override
  public void write(Target.Tcp tcp, Map<String, Object> out) {
    out.put("host", tcp.host());
    out.put("port", tcp.port());
  }
}
