package io.pingbase.config;

import io.pingbase.account.AccountSettings;
import io.pingbase.alert.AlertingSettings;
import io.pingbase.maintenance.MaintenanceWindow;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.net.Cidr;
import io.pingbase.net.NetworkPolicy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Gives the tree of a whole {@code pingbase.yml} its meaning, section by section, reporting every
 * problem into one {@link Problems}. Sections are read independently, so a mistake in one does not
 * hide mistakes in another.
 */
final class ConfigReader {
  static final List<String> ROOT_KEYS = List.of("server", "storage", "retention", "checks", "defaults", "alerting", "channels", "groups",
      "monitors", "maintenance", "network", "accounts");
  static final List<String> SERVER_KEYS = List.of("bind", "port", "trusted-proxies", "public-url");
  static final List<String> SQLITE_KEYS = List.of("type", "path", "buffer");
  static final List<String> POSTGRESQL_KEYS = List.of("type", "url", "username", "password", "pool-size", "buffer");
  static final List<String> STORAGE_TYPES = List.of("sqlite", "postgresql");
  static final List<String> RETENTION_KEYS = List.of("raw", "rollups");
  static final List<String> CHECKS_KEYS = List.of("max-concurrency", "max-per-host", "dns-threads");
  static final List<String> DEFAULTS_KEYS = List.of("interval", "timeout", "confirmation");
  static final List<String> NETWORK_KEYS = List.of("targets", "allow");

  /** Root keys ignored on purpose, as in Docker Compose: a place to define YAML anchors. */
  static final String EXTENSION_PREFIX = "x-";

  private final Problems problems;
  private final Predicate<String> idOwnedByApi;

  private ConfigReader(Problems problems, Predicate<String> idOwnedByApi) {
    this.problems = problems;
    this.idOwnedByApi = idOwnedByApi;
  }

  /** The config, or null when anything was reported. */
  static PingBaseConfig read(ConfigNode root, Problems problems, Predicate<String> idOwnedByApi) {
    return new ConfigReader(problems, idOwnedByApi).root(root);
  }

  private PingBaseConfig root(ConfigNode node) {
    MapReader r = MapReader.of(node, "", problems, "a map with the sections " + String.join(", ", ROOT_KEYS));
    if (r == null) {
      return null;
    }
    r.ignoreKeysStartingWith(EXTENSION_PREFIX);
    r.allowOnly(ROOT_KEYS);
    ServerSettings server = server(r.section("server", "a map with bind and port"));
    StorageSettings storage = storage(r.section("storage", "a map with type and its settings"));
    RetentionSettings retention = retention(r.section("retention", "a map with raw and rollups"));
    CheckSettings checks = checks(r.section("checks", "a map with " + String.join(", ", CHECKS_KEYS)));
    MonitorDefaults defaults = defaults(r.section("defaults", "a map with interval, timeout and confirmation"));
    // Invalid defaults are already reported; monitors are still read, against the built-in ones.
    AlertingReader.Read alertingRead = AlertingReader.read(r);
    List<Monitor> monitors = monitors(r, defaults == null ? MonitorDefaults.DEFAULT : defaults,
        alertingRead.channelNames());
    AlertingReader.checkGroups(alertingRead, monitors, problems);
    AlertingSettings alerting = alertingRead.settings();
    List<MaintenanceWindow> maintenance = maintenance(r, alerting, monitors);
    NetworkPolicy network = network(r.section("network", "a map with targets and allow"));
    AccountSettings accounts = AccountsReader.read(r.section("accounts", "a map with " + String.join(", ",
        AccountsReader.KEYS)));
    if (!r.clean()) {
      return null;
    }
    return new PingBaseConfig(server, storage, retention, checks, defaults, monitors, alerting, maintenance, network,
        accounts);
  }

  /**
   * The {@code maintenance:} windows. Their local times default to {@code alerting.time-zone};
   * the monitors and groups they name must exist (API monitors count).
   */
  private List<MaintenanceWindow> maintenance(MapReader root, AlertingSettings alerting, List<Monitor> monitors) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    java.util.Set<String> groups = new java.util.TreeSet<>();
    for (Monitor m : monitors) {
      ids.add(m.id());
      if (m.group() != null) {
        groups.add(m.group());
      }
    }
    if (alerting != null) {
      alerting.groups().forEach(g -> groups.add(g.name()));
    }
    ZoneId zone = alerting != null ? alerting.zone() : ZoneId.of("UTC");
    MaintenanceReader.References refs = new MaintenanceReader.References(
        id -> ids.contains(id) || idOwnedByApi.test(id), ids, groups);
    return MaintenanceReader.readAll(root, zone, refs);
  }

  private ServerSettings server(MapReader r) {
    if (r == null) {
      return null;
    }
    r.allowOnly(SERVER_KEYS);
    String bind = r.nonBlank("bind", ServerSettings.DEFAULT.bind());
    if (bind != null && r.has("bind")) {
      String problem = Hosts.problem(bind);
      if (problem != null) {
        r.error("bind", problem);
      }
    }
    Integer port = r.integer("port", 0, 65535, ServerSettings.DEFAULT.port());
    List<Cidr> proxies = new ArrayList<>();
    for (String entry : r.texts("trusted-proxies")) {
      try {
        proxies.add(Cidr.parse(entry.strip()));
      } catch (IllegalArgumentException e) {
        r.error("trusted-proxies", Nodes.quote(entry) + " " + e.getMessage()
            + " (proxies are given by address or CIDR block, not by name)");
      }
    }
    String publicUrl = r.nonBlank("public-url", null);
    if (publicUrl != null) {
      String problem = publicUrlProblem(publicUrl);
      if (problem != null) {
        r.error("public-url", problem);
      }
    }
    return r.clean() ? new ServerSettings(Hosts.normalise(bind), port, proxies,
        publicUrl == null ? null : publicUrl.replaceAll("/+$", "")) : null;
  }

  /** What is wrong with a {@code public-url}, or null: an absolute http(s) URL without query or fragment. */
  static String publicUrlProblem(String text) {
    try {
      java.net.URI u = new java.net.URI(text);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
          || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
        return "must be an http:// or https:// address without user, query or fragment, such as"
            + " https://pingbase.example.com, was " + Nodes.quote(text);
      }
      return null;
    } catch (java.net.URISyntaxException e) {
      return "is not a URL: " + e.getReason() + ", was " + Nodes.quote(text);
    }
  }

  private StorageSettings storage(MapReader r) {
    if (r == null) {
      return null;
    }
    String type = r.nonBlank("type", "sqlite");
    if (type != null && !STORAGE_TYPES.contains(type)) {
      r.error("type", "unknown storage type " + Nodes.quote(type) + Suggestions.hint(type, STORAGE_TYPES)
          + " (supported: " + String.join(", ", STORAGE_TYPES) + ")");
      type = null;
    }
    Integer buffer = r.integer("buffer", 1, StorageSettings.MAX_BUFFER, StorageSettings.DEFAULT_BUFFER);
    if (type == null) {
      List<String> all = new ArrayList<>(POSTGRESQL_KEYS);
      all.addAll(SQLITE_KEYS);
      r.allowOnly(all.stream().distinct().toList());
      return null;
    }
    if (type.equals("sqlite")) {
      r.allowOnly(SQLITE_KEYS, key -> POSTGRESQL_KEYS.contains(key) ? "applies only to type postgresql" : null);
      String pathText = r.nonBlank("path", StorageSettings.DEFAULT_SQLITE_PATH.toString());
      Path path = null;
      if (pathText != null) {
        try {
          path = Path.of(pathText);
        } catch (InvalidPathException e) {
          r.error("path", "is not a valid file path: " + e.getReason());
        }
      }
      return r.clean() ? new StorageSettings.Sqlite(path, buffer) : null;
    }
    r.allowOnly(POSTGRESQL_KEYS, key -> SQLITE_KEYS.contains(key) ? "applies only to type sqlite" : null);
    String url = r.requiredText("url");
    if (url != null && !url.startsWith("jdbc:postgresql:")) {
      // The URL may hold a password, so it is not quoted back.
      r.error("url", "must be a JDBC URL starting with jdbc:postgresql:, e.g. jdbc:postgresql://db:5432/pingbase");
    }
    String username = r.nonBlank("username", null);
    String password = r.text("password", null);
    Integer poolSize = r.integer("pool-size", 1, StorageSettings.MAX_POOL_SIZE, StorageSettings.DEFAULT_POOL_SIZE);
    return r.clean() ? new StorageSettings.Postgresql(url, username, password, poolSize, buffer) : null;
  }

  /**
   * The {@code network:} section: {@code targets} (self-hosted or multi-tenant) and {@code allow},
   * the exceptions in multi-tenant mode (IP addresses, CIDR blocks, exact host names).
   */
  private NetworkPolicy network(MapReader r) {
    if (r == null) {
      return null;
    }
    r.allowOnly(NETWORK_KEYS);
    List<String> names = java.util.Arrays.stream(NetworkPolicy.Targets.values()).map(NetworkPolicy.Targets::key).toList();
    String text = r.nonBlank("targets", NetworkPolicy.Targets.SELF_HOSTED.key());
    NetworkPolicy.Targets targets = text == null ? null : NetworkPolicy.Targets.of(text);
    if (text != null && targets == null) {
      r.error("targets", "unknown value " + Nodes.quote(text) + Suggestions.hint(text, names)
          + " (one of: " + String.join(", ", names) + ")");
    }
    List<Cidr> blocks = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    ConfigNode node = r.value("allow");
    if (node != null) {
      List<ConfigNode> items = node instanceof ConfigList list ? list.items() : List.of(node);
      String key = r.child("allow");
      for (int i = 0; i < items.size(); i++) {
        ConfigNode item = items.get(i);
        String path = node instanceof ConfigList ? key + "[" + i + "]" : key;
        Location at = Nodes.location(item) != null ? Nodes.location(item) : r.locationOf("allow");
        if (!(item instanceof ConfigScalar s) || s.text().isBlank()) {
          problems.add(at, path, "must be an IP address, a CIDR block (10.20.0.0/16) or a host name, was "
              + Nodes.describe(item));
          continue;
        }
        String entry = s.text().strip();
        if (entry.indexOf('/') >= 0 || NetworkPolicy.nameOrNull(entry) == null) {
          try {
            blocks.add(Cidr.parse(entry.startsWith("[") && entry.endsWith("]")
                ? entry.substring(1, entry.length() - 1) : entry));
          } catch (IllegalArgumentException e) {
            // Neither a block nor an address: a URL or host:port says so better than "not a block".
            String asHost = entry.indexOf('/') < 0 || entry.contains("://") ? Hosts.problem(entry) : null;
            problems.add(at, path, asHost != null ? asHost : Nodes.quote(entry) + " " + e.getMessage());
          }
        } else {
          String problem = Hosts.problem(entry);
          if (problem != null) {
            problems.add(at, path, problem);
          } else {
            hosts.add(entry);
          }
        }
      }
    }
    return r.clean() && targets != null ? new NetworkPolicy(targets, blocks, java.util.Set.copyOf(hosts)) : null;
  }

  private RetentionSettings retention(MapReader r) {
    if (r == null) {
      return null;
    }
    r.allowOnly(RETENTION_KEYS);
    Duration raw = r.duration("raw", RetentionSettings.MIN_RAW, RetentionSettings.DEFAULT.raw());
    Duration rollups = r.duration("rollups", RetentionSettings.DEFAULT.rollups());
    if (raw != null && rollups != null && rollups.compareTo(raw) < 0) {
      r.error(r.has("rollups") ? "rollups" : "raw", "rollups (" + Durations.format(rollups)
          + ") must be kept at least as long as raw results (" + Durations.format(raw) + ")");
    }
    return r.clean() ? new RetentionSettings(raw, rollups) : null;
  }

  private CheckSettings checks(MapReader r) {
    if (r == null) {
      return null;
    }
    r.allowOnly(CHECKS_KEYS);
    CheckSettings d = CheckSettings.DEFAULT;
    Integer concurrency = r.integer("max-concurrency", 1, CheckSettings.MAX_CONCURRENCY, d.maxConcurrency());
    Integer perHost = r.integer("max-per-host", 1, CheckSettings.MAX_CONCURRENCY, d.maxPerHost());
    Integer dnsThreads = r.integer("dns-threads", 1, CheckSettings.MAX_DNS_THREADS, d.dnsThreads());
    if (concurrency != null && perHost != null && perHost > concurrency) {
      r.error(r.has("max-per-host") ? "max-per-host" : "max-concurrency",
          "max-per-host (" + perHost + ") must not exceed max-concurrency (" + concurrency + ")");
    }
    return r.clean() ? new CheckSettings(concurrency, perHost, dnsThreads) : null;
  }

  private MonitorDefaults defaults(MapReader r) {
    if (r == null) {
      return null;
    }
    r.allowOnly(DEFAULTS_KEYS);
    MonitorDefaults d = MonitorDefaults.DEFAULT;
    Duration interval = r.duration("interval", Monitor.MIN_INTERVAL, d.interval());
    Duration timeout = r.duration("timeout", Duration.ofMillis(1), d.timeout());
    if (interval != null && timeout != null && timeout.compareTo(interval) > 0) {
      r.error(r.has("timeout") ? "timeout" : "interval", "the timeout (" + Durations.format(timeout)
          + ") must not be longer than the interval (" + Durations.format(interval) + ")");
    }
    ConfirmationPolicy confirmation = MonitorReader.confirmation(r, d.confirmation());
    return r.clean() ? new MonitorDefaults(interval, timeout, confirmation) : null;
  }

  /** @param channels every channel name written in the file, for checking each monitor's alerts */
  private List<Monitor> monitors(MapReader root, MonitorDefaults defaults, java.util.Set<String> channels) {
    ConfigNode node = root.value("monitors");
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof ConfigList list)) {
      root.error("monitors", "must be a list of monitors (each item starting with \"- \"), was " + Nodes.describe(node));
      return List.of();
    }
    List<Monitor> monitors = new ArrayList<>(list.items().size());
    Map<String, Integer> indexById = new HashMap<>();
    Map<String, Location> locationById = new HashMap<>();
    Map<String, Integer> indexByToken = new HashMap<>();
    for (int i = 0; i < list.items().size(); i++) {
      String path = "monitors[" + i + "]";
      MonitorReader.Read read = MonitorReader.read(list.items().get(i), path, defaults, MonitorSource.FILE, problems);
      if (read == null || read.id() == null) {
        continue;
      }
      String id = read.id();
      String idPath = path + ".id";
      Integer first = indexById.putIfAbsent(id, i);
      if (first != null) {
        problems.add(read.idLocation(), idPath, "duplicate monitor id " + Nodes.quote(id)
            + (read.idWritten() ? "" : " (derived from the name)") + ", also used by monitors[" + first + "]"
            + at(locationById.get(id)) + "; ids must be unique" + (read.idWritten() ? "" : ", so set a distinct id"));
        continue;
      }
      locationById.put(id, read.idLocation());
      if (idOwnedByApi.test(id)) {
        problems.add(read.idLocation(), idPath, "monitor id " + Nodes.quote(id)
            + " belongs to a monitor created through the API; give this one another id, or delete that monitor");
        continue;
      }
      if (read.monitor() != null && read.monitor().target() instanceof io.pingbase.check.Target.Heartbeat hb
          && hb.token() != null) { // heartbeat: a ping must name one monitor
        Integer firstWithToken = indexByToken.putIfAbsent(hb.token(), i);
        if (firstWithToken != null) {
          Location at = list.items().get(i) instanceof ConfigMap m && m.entry("token") != null
              ? Nodes.location(m.entry("token").value()) : read.idLocation();
          problems.add(at, path + ".token", "duplicate heartbeat token, also used by monitors[" + firstWithToken
              + "]; each heartbeat needs its own (leave token out to get a generated one)");
          continue;
        }
      }
      if (read.monitor() != null) {
        AlertingReader.checkRoute(read.monitor().alerts(), channels, path, read.idLocation(), problems);
        monitors.add(read.monitor());
      }
    }
    return monitors;
  }

  private static String at(Location location) {
    return location == null ? "" : " at " + location.source() + ":" + location.line() + ":" + location.column();
  }
}
