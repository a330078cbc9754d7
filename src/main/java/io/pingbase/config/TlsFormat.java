package io.pingbase.config;

import io.pingbase.check.Target;
import io.pingbase.check.Target.Tls.StartTls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code type: tls}: {@code host}, {@code port}, and optionally {@code starttls}, {@code server-name},
 * {@code ca-file}, {@code warn-days}. Writes every value, defaults included, so what the API
 * returns posts back unchanged.
 */
final class TlsFormat implements TargetFormat<Target.Tls> {
  private static final String STARTTLS_VALUES =
      String.join(", ", Arrays.stream(StartTls.values()).map(StartTls::id).toList());

  @Override
  public String type() {
    return "tls";
  }

  @Override
  public Class<Target.Tls> targetClass() {
    return Target.Tls.class;
  }

  @Override
  public List<String> keys() {
    return List.of("host", "port", "starttls", "server-name", "ca-file", "warn-days");
  }

  @Override
  public Target.Tls read(MapReader r) {
    String host = TargetKeys.host(r, "host");
    Integer port = TargetKeys.port(r, "port");
    StartTls starttls = StartTls.NONE;
    String mode = r.nonBlank("starttls", null);
    if (mode != null) {
      starttls = StartTls.of(mode);
      if (starttls == null) {
        r.error("starttls", "must be one of " + STARTTLS_VALUES + ", was " + Nodes.quote(mode));
      }
    }
    String serverName = r.nonBlank("server-name", null);
    if (serverName != null) {
      String problem = Hosts.problem(serverName);
      if (problem != null) {
        r.error("server-name", problem);
      }
    }
    String caFile = r.nonBlank("ca-file", null);
    List<Integer> warnDays = warnDays(r);
    if (host == null || port == null || starttls == null || warnDays == null || !r.clean()) {
      return null;
    }
    return new Target.Tls(host, port, starttls, serverName, caFile, warnDays);
  }

  /** A list of distinct positive day counts, any order (kept largest first); the default when absent. */
  private static List<Integer> warnDays(MapReader r) {
    ConfigNode node = r.value("warn-days");
    if (node == null) {
      return Target.Tls.DEFAULT_WARN_DAYS;
    }
    String expected = "must be a list of days such as [30, 14, 7]";
    if (!(node instanceof ConfigList list)) {
      r.error("warn-days", expected + ", was " + Nodes.describe(node));
      return null;
    }
    TreeSet<Integer> days = new TreeSet<>();
    List<String> errors = new ArrayList<>();
    for (ConfigNode item : list.items()) {
      String text = item instanceof ConfigScalar s ? s.text().trim() : null;
      Integer day = text != null && text.matches("[0-9]{1,4}") ? Integer.valueOf(text) : null;
      if (day == null || day < 1 || day > 3650) {
        errors.add("each must be a whole number of days 1-3650, was "
            + (text == null ? Nodes.describe(item) : Nodes.quote(text)));
      } else if (!days.add(day)) {
        errors.add("lists " + day + " twice");
      }
    }
    if (!errors.isEmpty()) {
      r.error("warn-days", String.join("; ", errors));
      return null;
    }
    return List.copyOf(days.descendingSet());
  }

  @Override
  public void write(Target.Tls tls, Map<String, Object> out) {
    out.put("host", tls.host());
    out.put("port", tls.port());
    out.put("starttls", tls.starttls().id());
    if (tls.serverName() != null) {
      out.put("server-name", tls.serverName());
    }
    if (tls.caFile() != null) {
      out.put("ca-file", tls.caFile());
    }
    out.put("warn-days", List.copyOf(tls.warnDays()));
  }
}
