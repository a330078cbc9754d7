package io.pingbase.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pingbase.check.CheckFactory;
import io.pingbase.check.SystemResolver;
import io.pingbase.check.WarmUp;
import io.pingbase.check.heartbeat.HeartbeatHub;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigLoader;
import io.pingbase.config.ConfigWatcher;
import io.pingbase.config.Durations;
import io.pingbase.config.LoadedConfig;
import io.pingbase.config.PingBaseConfig;
import io.pingbase.config.StorageSettings;
import io.pingbase.engine.MonitorEngine;
import io.pingbase.engine.MonitorRegistry;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.schedule.MonotonicClock;
import io.pingbase.schedule.Scheduler;
import io.pingbase.alert.AlertRules;
import io.pingbase.alert.Alerting;
import io.pingbase.config.MaintenanceReader;
import io.pingbase.maintenance.LiveMaintenance;
import io.pingbase.maintenance.MaintenanceRegistry;
import io.pingbase.web.api.MaintenanceApi;
import io.pingbase.alert.Router;
import io.pingbase.alert.Sender;
import io.pingbase.alert.channel.ChannelContext;
import io.pingbase.engine.LiveMonitor;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorState;
import io.pingbase.store.HeartbeatWriter;
import io.pingbase.store.Housekeeper;
import io.pingbase.store.ResultWriter;
import io.pingbase.store.Store;
import io.pingbase.store.SecretBox;
import io.pingbase.store.jdbc.JdbcStore;
import io.pingbase.web.Health;
import io.pingbase.web.PingEndpoint;
import io.pingbase.web.WebServer;
import io.pingbase.web.api.AlertApi;
import io.pingbase.web.api.ConfigMonitorCodec;
import io.pingbase.web.api.HistoryApi;
import io.pingbase.web.api.Json;
import io.pingbase.web.api.MonitorApi;
import io.pingbase.account.AccountSettings;
import io.pingbase.account.AccountStore;
import io.pingbase.account.Audit;
import io.pingbase.account.Authenticator;
import io.pingbase.account.Enrolment;
import io.pingbase.account.LoginThrottle;
import io.pingbase.account.Members;
import io.pingbase.account.PlanLimits;
import io.pingbase.account.Profile;
import io.pingbase.account.Tokens;
import io.pingbase.account.Workspaces;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.web.api.AuthApi;
import io.pingbase.store.Uptimes;
import io.pingbase.web.page.DashboardPage;
import io.pingbase.web.page.AccountPages;
import io.pingbase.web.page.ChannelPages;
import io.pingbase.web.page.MaintenancePages;
import io.pingbase.web.page.MonitorPages;
import io.pingbase.web.page.WorkspacePages;
import io.pingbase.web.page.LiveBoard;
import io.pingbase.statuspage.StatusPages;
import io.pingbase.web.api.StatusPageApi;
import io.pingbase.web.status.StatusPageCache;
import io.pingbase.web.status.StatusPageEditor;
import io.pingbase.web.status.StatusPageHandlers;
import io.pingbase.web.status.StatusViews;
import io.pingbase.web.page.Pages;
import io.pingbase.web.page.SignInPages;
import io.pingbase.web.page.Templates;
import io.pingbase.web.api.WorkspaceApi;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running PingBase server. Builds every part with {@code new}, in dependency order, and closes
 * them in reverse: the one place that knows how the parts fit.
 */
public final class PingBase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PingBase.class);

  /**
   * What the command line (and tests) may override in the file's settings and the environment.
   *
   * @param secrets the key for credentials at rest; null reads it from the environment
   *                ({@link SecretBox#fromEnvironment})
   * @param owner   the first owner, created if nobody has an account yet; null reads it from the
   *                environment ({@code PINGBASE_OWNER_*}, see {@link OwnerFromEnvironment})
   */
  public record Overrides(Integer port, Path dataDir, SecretBox secrets, Enrolment.Owner owner) {
    public static final Overrides NONE = new Overrides(null, null);

    public Overrides(Integer port, Path dataDir) {
      this(port, dataDir, null, null);
    }

    public Overrides(Integer port, Path dataDir, SecretBox secrets) {
      this(port, dataDir, secrets, null);
    }
  }

  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private final Path configFile;
  private final PingBaseConfig startConfig;
  private final Store store;
  private final ResultWriter writer;
  private final Alerting alerting;
  private final Scheduler scheduler;
  private final MonitorEngine engine;
  private final MonitorRegistry registry;
  private final MaintenanceRegistry maintenanceWindows;
  private final ConfigWatcher watcher;
  private final WebServer web;
  private final Authenticator authenticator;
  private final Enrolment enrolment;
  private final StatusPages statusPages;
  private final StatusPageCache statusCache;
  private volatile PingBaseConfig config;
  private volatile Instant lastReload;
  private volatile String lastReloadError;

  /**
   * @param configSha256 of the bytes {@code config} was read from; null when unknown, and the
   *                     watcher then parses the file once more to compare
   */
  private PingBase(PingBaseConfig config, String configSha256, Path configFile, Overrides overrides,
      InstantSource clock) {
    this.configFile = configFile;
    this.config = config;
    this.startConfig = config;
    String configName = configFile == null ? "pingbase.yml" : configFile.toString();
    try {
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(metrics);
      new JvmGcMetrics().bindTo(metrics);
      new JvmThreadMetrics().bindTo(metrics);
      new ClassLoaderMetrics().bindTo(metrics);
      new ProcessorMetrics().bindTo(metrics);
      new UptimeMetrics().bindTo(metrics);
      closeables.push(metrics::close);

      SecretBox secrets = overrides.secrets() != null ? overrides.secrets() : SecretBox.fromEnvironment(System::getenv);
      if (secrets.enabled()) {
        log.info("channel secrets and monitor credentials are encrypted at rest with the key from {}", secrets.origin());
      } else {
        log.warn("no {} or {} set: channel secrets and monitor credentials are stored in plain text in the database;"
            + " see docs/SECURITY.md", SecretBox.KEY_ENV, SecretBox.KEY_FILE_ENV);
      }
      store = openStore(config.storage(), overrides.dataDir(), secrets);
      closeables.push(store);

      writer = new ResultWriter(store.results(), store.events(), ResultWriter.Settings.defaults(config.storage().buffer()));
      MicrometerMetrics.writer(metrics, writer);
      writer.start();
      closeables.push(writer);

      SystemResolver resolver = new SystemResolver(config.checks().dnsThreads());
      closeables.push(resolver);
      ExecutorService checkThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("check-", 0).factory());
      closeables.push(() -> {
        checkThreads.shutdown();
        if (!checkThreads.awaitTermination(15, TimeUnit.SECONDS)) {
          log.warn("checks still running after 15 s at shutdown; abandoning them");
          checkThreads.shutdownNow();
        }
      });
      scheduler = new Scheduler(MonotonicClock.system(), checkThreads, config.checks().maxConcurrency(),
          config.checks().maxPerHost(), MicrometerMetrics.scheduler(metrics));
      closeables.push(scheduler);

      CheckFactory checkFactory = new CheckFactory(resolver, config.network());
      // Heartbeats: pings land in the hub (memory); the writer stores the latest per monitor.
      HeartbeatHub heartbeats = new HeartbeatHub(clock);
      heartbeats.restore(store.heartbeats().loadAll());
      MicrometerMetrics.heartbeats(metrics, heartbeats);
      HeartbeatWriter heartbeatWriter = new HeartbeatWriter(heartbeats, store.heartbeats(), Duration.ofSeconds(1));
      heartbeatWriter.start();
      closeables.push(heartbeatWriter);
      // The dashboard's live state (recent results, what changed) takes every outcome too.
      LiveBoard board = new LiveBoard(store.results(), clock);
      closeables.push(board);
      // Status pages: in memory, served from a cache that state changes and edits refresh.
      statusPages = new StatusPages(store.statusPages(), workspace -> this.config.accounts().limitsOf(workspace),
          clock);
      statusCache = new StatusPageCache(clock);
      engine = new MonitorEngine(checkFactory, scheduler, MicrometerMetrics.counting(metrics,
          LiveBoard.both(writer, LiveBoard.both(board, statusCache.follow(statusPages)))), clock, heartbeats);
      closeables.push(engine);
      MicrometerMetrics.engine(metrics, engine);

      registry = new MonitorRegistry(store.monitors(), engine, configName);
      registry.start(config.monitors());

      // Maintenance windows: the file's and the API's, in one calendar alerting and uptime ask.
      LiveMaintenance maintenance = new LiveMaintenance();
      maintenanceWindows = new MaintenanceRegistry(store.maintenance(), configName, maintenance);
      maintenanceWindows.start(config.maintenance());

      // Alerting reads state changes from the outbox the writer fills, never from the check path.
      alerting = new Alerting(config.alerting(), store.outbox(), new LiveMonitors(engine), () -> liveForAlerts(engine),
          maintenance, ChannelContext.create(clock, config.network()), Sender.Settings.DEFAULT);
      alerting.logRetention(config.retention().raw());
      MicrometerMetrics.alerting(metrics, alerting);
      loadApiChannels(store, alerting);
      alerting.start();
      closeables.push(alerting);

      Housekeeper housekeeper = new Housekeeper(store.results(), clock,
          new Housekeeper.Retention(config.retention().raw(), config.retention().rollups()));
      housekeeper.start(Duration.ofMinutes(5));
      closeables.push(housekeeper);

      // Accounts: who may do what, in which workspace (docs/SECURITY.md).
      SecureRandom random = new SecureRandom();
      AccountStore accounts = store.accounts();
      LoginThrottle throttle = LoginThrottle.standard(clock);
      authenticator = new Authenticator(accounts, clock, random, throttle, config.accounts().sessions());
      Audit audit = new Audit(accounts, clock);
      Supplier<AccountSettings> accountSettings = () -> this.config.accounts();
      Workspaces workspaces = new Workspaces(accounts, audit, clock, random, accountSettings, authenticator::forget);
      Tokens tokens = new Tokens(accounts, audit, clock, random, authenticator::forget);
      enrolment = new Enrolment(accounts, authenticator, workspaces, audit, clock, random, throttle,
          accountSettings);
      boolean ownerExists = enrolment.bootstrap(overrides.owner() != null ? overrides.owner()
          : OwnerFromEnvironment.read(System::getenv));
      closeables.push(new Periodic("session-pruning", Duration.ofHours(1), authenticator::pruneSessions));

      ObjectMapper json = Json.mapper();
      ConfigMonitorCodec codec = new ConfigMonitorCodec(() -> this.config.defaults());
      Function<String, PlanLimits> limits = workspace -> this.config.accounts().limitsOf(workspace);
      MonitorApi monitorApi = new MonitorApi(registry, codec, json, () -> alerting.settings().channels().stream()
          .map(io.pingbase.alert.ChannelSpec::name).collect(java.util.stream.Collectors.toSet()), limits,
          config.network());
      // One object per area, shared by the API and the pages: both go through the same rules.
      Members members = new Members(accounts, audit, clock, random, authenticator::forget);
      Profile profile = new Profile(accounts, clock, random, throttle, authenticator::forget);
      WorkspaceApi workspaceApi = new WorkspaceApi(workspaces, members, tokens, accounts, new Usage(), accountSettings,
          () -> this.config.server().publicUrl(), clock, json);
      AlertApi alertApi = new AlertApi(alerting, store.channels(), registry, json);
      MaintenanceApi maintenanceApi = new MaintenanceApi(maintenanceWindows, () -> this.config.alerting().zone(),
          this::maintenanceReferences, clock, json);
      StatusPageApi statusPageApi = new StatusPageApi(statusPages,
          (workspace, id) -> registry.get(WorkspaceKey.of(workspace, id)).isPresent(), () -> this.config.alerting().zone(),
          clock, json);
      web = new WebServer(new WebServer.Apis(
          monitorApi,
          new HistoryApi(registry, store.results(), store.events(), clock, json, codec, Durations::parse,
              maintenance::current, limits),
          new PingEndpoint(heartbeats, engine::evaluateNow),
          alertApi,
          maintenanceApi,
          new AuthApi(authenticator, enrolment, profile, workspaces, tokens, json),
          workspaceApi,
          statusPageApi,
          pages(board, enrolment, workspaces, maintenance, monitorApi, codec, json, clock,
              new Shared(alertApi, maintenanceApi, workspaceApi, members, profile, tokens, statusPageApi))),
          authenticator, () -> this.config.server(), audit, this::health, metrics::scrape, json);
      int port = overrides.port() != null ? overrides.port() : config.server().port();
      web.start(config.server().bind(), port);
      closeables.push(web);
      if (!ownerExists) {
        String base = baseUrl(config.server(), web.port());
        log.warn("Nobody has an account yet. Open {}/setup#{} to create the first owner (the link works once, for"
            + " this run of the server only), or use its token with the API:\n  curl -s {}/api/v1/setup -H 'Content-Type: application/json'"
            + " -d '{\"setup-token\":\"{}\",\"email\":\"you@example.com\",\"password\":\"a long passphrase\","
            + "\"token\":true}'\nor start with {} and {} (or {}) set; see docs/SECURITY.md",
            base, enrolment.setupToken(), base, enrolment.setupToken(), OwnerFromEnvironment.EMAIL,
            OwnerFromEnvironment.PASSWORD, OwnerFromEnvironment.TOKEN);
      }

      if (configFile != null) {
        ConfigLoader loader = new ConfigLoader(System::getenv, id -> store.monitors().find(id)
            .map(s -> s.monitor().source() == MonitorSource.API).orElse(false));
        ConfigWatcher.Listener listener = new ConfigWatcher.Listener() {
          @Override
          public void reloaded(PingBaseConfig next) {
            applyReload(next);
          }

          @Override
          public void rejected(ConfigException e) {
            lastReloadError = e.getMessage();
            log.error("{} changed but is invalid; still running the previous config:\n{}", configName, e.getMessage());
          }
        };
        watcher = configSha256 == null
            ? ConfigWatcher.start(configFile, loader, config, listener)
            : ConfigWatcher.start(configFile, loader, new LoadedConfig(config, configSha256), listener);
        closeables.push(watcher);
        Signals.onHangup(watcher::reloadNow);
        // A reload refused because the file wants an id an API monitor holds can succeed once
        // that monitor is deleted: try again then, without waiting for the next edit.
        registry.afterApiDelete(() -> {
          if (lastReloadError != null) {
            watcher.reloadNow();
          }
        });
      } else {
        watcher = null;
      }
      // Checks start last, once every other part is up and the check path's classes are loaded:
      // see check/WarmUp for the start-up hang this prevents.
      // Self-hosted on purpose: the warm-up dials only its own listener on loopback, which
      // multi-tenant mode would refuse before the classes it is meant to load were used.
      WarmUp.run(new CheckFactory(resolver), resolver);
      engine.warmUp();
      scheduler.start();
      log.info("PingBase started: {} monitors, storage {}, http://{}:{}", engine.size(), config.storage().type(),
          config.server().bind(), web.port());
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /**
   * @param configFile the file {@code config} came from, watched for changes; null for none
   */
  public static PingBase start(PingBaseConfig config, Path configFile, Overrides overrides, InstantSource clock) {
    return new PingBase(config, null, configFile, overrides, clock);
  }

  /**
   * As {@link #start(PingBaseConfig, Path, Overrides, InstantSource)} for a config read by
   * {@link ConfigLoader#loadWithHash} from {@code configFile}: the watcher compares the file with
   * its hash instead of parsing it a second time, which for a large file would double the time
   * and the memory that starting needs.
   */
  public static PingBase start(LoadedConfig loaded, Path configFile, Overrides overrides, InstantSource clock) {
    return new PingBase(loaded.config(), loaded.sha256(), configFile, overrides, clock);
  }

  /** The database of {@code settings} ({@code dataDir} overriding an SQLite file's directory), migrated. */
  public static Store openStore(StorageSettings settings, Path dataDir, SecretBox secrets) {
    return switch (settings) {
      case StorageSettings.Sqlite s -> JdbcStore.sqlite(dataDir == null ? s.path() : dataDir.resolve(s.path().getFileName()),
          InstantSource.system(), secrets);
      case StorageSettings.Postgresql p -> JdbcStore.postgresql(p.url(), p.username(), p.password(), p.poolSize(),
          InstantSource.system(), secrets);
    };
  }

  private synchronized void applyReload(PingBaseConfig next) {
    try {
      maintenanceWindows.check(next.maintenance());
      var result = registry.reload(next.monitors());
      alerting.apply(next.alerting());
      maintenanceWindows.reload(next.maintenance());
      authenticator.settings(next.accounts().sessions());
      if (!next.server().bind().equals(startConfig.server().bind())
          || next.server().port() != startConfig.server().port() || !next.storage().equals(startConfig.storage())
          || !next.checks().equals(startConfig.checks()) || !next.retention().equals(startConfig.retention())
          || !next.network().equals(startConfig.network())) {
        log.warn("server bind and port, storage, checks, retention and network settings changed in the file;"
            + " they take effect at the next restart");
      }
      config = next;
      lastReload = Instant.now();
      lastReloadError = null;
      log.info("config reloaded: added {}, changed {}, removed {}", result.added(), result.changed(), result.removed());
    } catch (RuntimeException e) {
      lastReloadError = e.getMessage();
      log.error("config reload refused: {}", e.getMessage());
    }
  }

  Health health() {
    Map<String, Object> components = new LinkedHashMap<>();
    boolean dbOk;
    // The ping runs on its own virtual thread so /healthz answers within 2 s even when the
    // database hangs (connection timeouts are longer).
    CompletableFuture<Boolean> ping = new CompletableFuture<>();
    Thread.ofVirtual().name("healthz-ping").start(() -> {
      try {
        ping.complete(store.ping());
      } catch (RuntimeException e) {
        ping.complete(false);
      }
    });
    try {
      dbOk = ping.get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      dbOk = false;
    }
    Map<String, Object> database = new LinkedHashMap<>();
    database.put("status", dbOk ? "ok" : "unreachable");
    database.put("type", config.storage().type());
    components.put("database", database);
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("status", writer.healthy() ? "ok" : "failing");
    w.put("buffered", writer.queued());
    w.put("dropped", writer.dropped());
    writer.lastError().ifPresent(e -> w.put("last-error", e));
    components.put("writer", w);
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("status", "ok");
    checks.put("monitors", engine.size());
    checks.put("scheduled", scheduler.size());
    components.put("scheduler", checks);
    if (configFile != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("file", configFile.toString());
      c.put("last-reload", lastReload == null ? null : lastReload.toString());
      c.put("last-reload-error", lastReloadError);
      components.put("config", c);
    }
    return new Health(dbOk && writer.healthy(), components);
  }

  public int port() {
    return web.port();
  }

  /**
   * What an API maintenance window of {@code workspace} may name: the workspace's monitors running
   * now (by their id in it) and their groups, and in the default workspace the file's groups.
   */
  private MaintenanceReader.References maintenanceReferences(String workspace) {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    java.util.Set<String> groups = new java.util.TreeSet<>();
    for (LiveMonitor l : registry.list()) {
      if (WorkspaceKey.inWorkspace(l.monitor().id(), workspace)) {
        ids.add(WorkspaceKey.nameOf(l.monitor().id()));
        if (l.monitor().group() != null) {
          groups.add(l.monitor().group());
        }
      }
    }
    if (WorkspaceKey.DEFAULT.equals(workspace)) {
      config.alerting().groups().forEach(g -> groups.add(g.name()));
    }
    return new MaintenanceReader.References(ids::contains, ids, groups);
  }

  /** What each workspace holds, counted from memory. */
  private final class Usage implements WorkspaceApi.Usage {
    @Override
    public int monitors(String workspace) {
      return (int) registry.list().stream().filter(l -> WorkspaceKey.inWorkspace(l.monitor().id(), workspace)).count();
    }

    @Override
    public int channels(String workspace) {
      return (int) alerting.settings().channels().stream().filter(c -> WorkspaceKey.inWorkspace(c.name(), workspace))
          .count();
    }

    @Override
    public int maintenanceWindows(String workspace) {
      return (int) maintenanceWindows.calendar().windows().stream()
          .filter(w -> WorkspaceKey.inWorkspace(w.name(), workspace)).count();
    }
  }

  /** What the API and the pages share: the same objects, so both apply the same rules. */
  private record Shared(AlertApi alerts, MaintenanceApi maintenance, WorkspaceApi workspaces, Members members,
      Profile profile, Tokens tokens, StatusPageApi statusPages) {}

  /** The web UI's pages. */
  private Pages pages(LiveBoard board, Enrolment enrolment, Workspaces workspaces, LiveMaintenance maintenance,
      MonitorApi monitorApi, ConfigMonitorCodec codec, ObjectMapper json, InstantSource clock, Shared shared) {
    Templates templates = new Templates();
    Uptimes uptimes = new Uptimes(store.events(), maintenance::current);
    StatusViews views = new StatusViews(registry, uptimes, maintenance::current, statusPages, clock);
    return new Pages(templates, new SignInPages(templates, authenticator, enrolment, workspaces),
        new DashboardPage(templates, registry, board, uptimes, workspaces, clock),
        new MonitorPages(templates, monitorApi, registry, codec, alerting, workspaces, json, store.results(),
            store.events(), uptimes, clock),
        new ChannelPages(templates, shared.alerts(), workspaces, json),
        new MaintenancePages(templates, shared.maintenance(), this::maintenanceReferences, workspaces, json),
        new WorkspacePages(templates, shared.workspaces(), workspaces, shared.members(), shared.tokens(), clock),
        new AccountPages(templates, shared.profile(), shared.tokens(), authenticator, workspaces, clock),
        new StatusPageHandlers(statusPages, views, statusCache, templates, authenticator, uptimes, json, clock),
        new StatusPageEditor(templates, statusPages, shared.statusPages(), registry, workspaces, json, clock));
  }

  /** Where people reach this server: {@code server.public-url}, else the bind address (loopback for a wildcard). */
  static String baseUrl(io.pingbase.config.ServerSettings server, int port) {
    if (server.publicUrl() != null) {
      return server.publicUrl();
    }
    String host = server.bind();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  public MaintenanceRegistry maintenance() {
    return maintenanceWindows;
  }

  /** Channels created through the API; one that no longer reads (a type removed) is skipped, loudly. */
  private static void loadApiChannels(Store store, Alerting alerting) {
    for (var stored : store.channels().list()) {
      try {
        // The row's name is the channel's key in its workspace; the spec holds its name there.
        alerting.putApiChannel(io.pingbase.config.AlertingReader.readChannel(
            io.pingbase.config.ConfigNode.fromJson(Json.mapper().readTree(stored.spec())), alerting.settings().zone())
            .withName(stored.name()));
      } catch (io.pingbase.config.ConfigException | java.io.IOException | RuntimeException e) {
        log.error("Stored channel '{}' cannot be read and is not used: {}", stored.name(), e.getMessage());
      }
    }
  }

  private static List<Router.Live> liveForAlerts(MonitorEngine engine) {
    List<Router.Live> out = new java.util.ArrayList<>();
    for (LiveMonitor l : engine.all()) {
      var last = l.status().last();
      out.add(last == null ? new Router.Live(l.monitor(), l.status().state(), l.status().since())
          : new Router.Live(l.monitor(), l.status().state(), l.status().since(), last.result().warning(),
              last.result().details()));
    }
    return out;
  }

  /**
   * What alert rules may ask about running monitors, answered from the engine's memory. Which
   * groups have a DOWN monitor is a snapshot taken once per batch of changes ({@link #refresh}).
   */
  private static final class LiveMonitors implements AlertRules.Monitors {
    private final MonitorEngine engine;
    private volatile Map<String, String> downByGroup = Map.of();

    LiveMonitors(MonitorEngine engine) {
      this.engine = engine;
    }

    @Override
    public Optional<Monitor> monitor(String id) {
      return engine.get(id).map(LiveMonitor::monitor);
    }

    @Override
    public Map<String, Object> lastDetails(String id) {
      return engine.get(id).map(l -> l.status().last() == null ? Map.<String, Object>of()
          : l.status().last().result().details()).orElse(Map.of());
    }

    @Override
    public void refresh() {
      Map<String, String> down = new java.util.HashMap<>();
      for (LiveMonitor l : engine.all()) {
        // Group rules are the file's: only the default workspace's groups can be a root cause.
        if (l.monitor().group() != null && l.status().state() == MonitorState.DOWN
            && WorkspaceKey.inWorkspace(l.monitor().id(), WorkspaceKey.DEFAULT)) {
          down.putIfAbsent(l.monitor().group(), l.monitor().name());
        }
      }
      downByGroup = down;
    }

    @Override
    public Optional<String> downIn(String group) {
      return Optional.ofNullable(downByGroup.get(group));
    }
  }

  public Alerting alerting() {
    return alerting;
  }

  /** The one-time setup token the log prints while nobody has an account; null afterwards. */
  public String setupToken() {
    return enrolment.setupToken();
  }

  public MonitorRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    while (!closeables.isEmpty()) {
      AutoCloseable c = closeables.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
