package io.pingbase.config;

import io.pingbase.check.Target;
import io.pingbase.check.tcp.protocol.ProtocolSpec;
import io.pingbase.check.tcp.protocol.Protocols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code type: tcp}: {@code host} and {@code port}; optionally a {@code protocol} to speak after
 * connecting, with {@code starttls} (smtp) or {@code steps} (send-expect). With a protocol the
 * port may be left out for the protocol's usual one.
 */
final class TcpFormat implements TargetFormat<Target.Tcp> {
  private static final List<String> STEP_KEYS = List.of("send", "send-hex", "expect", "starttls");

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
    return List.of("host", "port", "protocol", "starttls", "steps");
  }

  @Override
  public Target.Tcp read(MapReader r) {
    String host = TargetKeys.host(r, "host");
    String protocol = protocol(r);
    int usualPort = protocol == null ? 0 : Protocols.defaultPort(protocol);
    Integer port = TargetKeys.port(r, "port", usualPort == 0 ? null : usualPort, usualPort == 0);
    Boolean starttls = r.flag("starttls", false);
    List<ProtocolSpec.Step> steps = steps(r);
    if (protocol == null) {
      for (String key : List.of("starttls", "steps")) {
        if (r.has(key)) {
          r.error(key, "needs a protocol (starttls: protocol smtp; steps: protocol send-expect)");
        }
      }
    }
    if (host == null || port == null || starttls == null || steps == null || !r.clean()) {
      return null;
    }
    ProtocolSpec spec = null;
    if (protocol != null) {
      try {
        spec = new ProtocolSpec(protocol, starttls, steps);
      } catch (IllegalArgumentException e) {
        r.error(starttls && !protocol.equals("smtp") ? "starttls" : r.has("steps") ? "steps" : "protocol",
            e.getMessage());
        return null;
      }
    }
    return new Target.Tcp(host, port, spec);
  }

  private static String protocol(MapReader r) {
    String protocol = r.nonBlank("protocol", null);
    if (protocol == null) {
      return null;
    }
    String name = protocol.toLowerCase(Locale.ROOT);
    if (!Protocols.names().contains(name)) {
      String hint = Suggestions.hint(protocol, Protocols.names());
      r.error("protocol", "unknown protocol \"" + protocol + "\"" + (hint.isEmpty()
          ? "; expected one of: " + String.join(", ", Protocols.names()) : hint));
      return null;
    }
    return name;
  }

  private static List<ProtocolSpec.Step> steps(MapReader r) {
    List<ProtocolSpec.Step> steps = new ArrayList<>();
    boolean list = r.eachMapInList("steps", "a step (a map with send, send-hex, expect or starttls)", step -> {
      step.allowOnly(STEP_KEYS);
      String send = step.text("send", null);
      String sendHex = step.text("send-hex", null);
      String expect = step.text("expect", null);
      Boolean starttls = step.flag("starttls", false);
      if (!step.clean()) {
        return;
      }
      try {
        steps.add(new ProtocolSpec.Step(send, sendHex == null ? null : sendHex.replace(" ", ""), expect, starttls));
      } catch (IllegalArgumentException e) {
        String key = e.getMessage().startsWith("expect") ? "expect"
            : e.getMessage().startsWith("send-hex") ? "send-hex" : null;
        if (key == null) {
          step.problem(e.getMessage());
        } else {
          step.error(key, e.getMessage());
        }
      }
    });
    return list ? steps : null;
  }

  @Override
  public void write(Target.Tcp tcp, Map<String, Object> out) {
    out.put("host", tcp.host());
    out.put("port", tcp.port());
    ProtocolSpec protocol = tcp.protocol();
    if (protocol == null) {
      return;
    }
    out.put("protocol", protocol.name());
    if (protocol.starttls()) {
      out.put("starttls", true);
    }
    if (!protocol.steps().isEmpty()) {
      List<Object> steps = new ArrayList<>();
      for (ProtocolSpec.Step step : protocol.steps()) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (step.send() != null) {
          m.put("send", step.send());
        }
        if (step.sendHex() != null) {
          m.put("send-hex", step.sendHex());
        }
        if (step.expect() != null) {
          m.put("expect", step.expect());
        }
        if (step.starttls()) {
          m.put("starttls", true);
        }
        steps.add(m);
      }
      out.put("steps", steps);
    }
  }
}
