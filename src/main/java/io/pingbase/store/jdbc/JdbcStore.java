package io.pingbase.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pingbase.store.EventStore;
import io.pingbase.store.HeartbeatStore;
import io.pingbase.store.MaintenanceStore;
import io.pingbase.store.MonitorStore;
import io.pingbase.store.ResultStore;
import io.pingbase.store.SecretBox;
import io.pingbase.store.Store;
import io.pingbase.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL store: SQLite for a single node that needs nothing installed, PostgreSQL for larger or
 * several nodes. Opening one migrates the schema; it refuses to open a schema newer than this
 * code knows.
 *
 * <p>This package is the only one that knows {@code java.sql}; everything else sees the
 * {@link Store} interfaces.
 */
public final class JdbcStore implements Store {
  private static final Logger log = LoggerFactory.getLogger(JdbcStore.class);

  /** Readers run in parallel under WAL; writes queue on SQLite's single write lock anyway. */
  static final int SQLITE_POOL_SIZE = 4;
  /** How long a SQLite write waits for the write lock before failing with SQLITE_BUSY. */
  static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;

  private final HikariDataSource pool;
  private final String description;
  private final JdbcMonitorStore monitors;
  private final JdbcResultStore results;
  private final JdbcEventStore events;
  private final JdbcHeartbeatStore heartbeats;
  private final JdbcOutbox outbox;
  private final JdbcMaintenanceStore maintenance;
  private final JdbcChannelStore channels;
  private final JdbcStatusPageStore statusPages;
  private final JdbcAccountStore accounts;

  private JdbcStore(HikariDataSource pool, Dialect dialect, String description, InstantSource clock,
      SecretBox box) {
    this.pool = pool;
    this.description = description;
    Jdbc jdbc = new Jdbc(pool, dialect);
    SecretFields secrets = new SecretFields(box);
    this.monitors = new JdbcMonitorStore(jdbc, clock, secrets);
    this.results = new JdbcResultStore(jdbc);
    this.events = new JdbcEventStore(jdbc);
    this.heartbeats = new JdbcHeartbeatStore(jdbc);
    this.outbox = new JdbcOutbox(jdbc);
    this.maintenance = new JdbcMaintenanceStore(jdbc, clock);
    this.channels = new JdbcChannelStore(jdbc, clock, secrets);
    this.statusPages = new JdbcStatusPageStore(jdbc, clock);
    this.accounts = new JdbcAccountStore(jdbc, box);
    int version = new Migrator(jdbc, clock).migrate();
    checkSecrets(jdbc, secrets, box);
    log.info("Opened {} (schema version {})", description, version);
  }

  /**
   * Decrypts every stored secret once, so a wrong or missing key stops the start with a list of
   * what cannot be read, instead of channels and monitors failing one by one later. Names only,
   * never values.
   */
  private static void checkSecrets(Jdbc jdbc, SecretFields secrets, SecretBox box) {
    List<String> failed = new ArrayList<>();
    jdbc.withConnection("check stored secrets", c -> {
      for (String[] row : Jdbc.list(c, "SELECT id, spec FROM monitor WHERE deleted_ms IS NULL ORDER BY id",
          rs -> new String[] {rs.getString(1), rs.getString(2)})) {
        try {
          secrets.openMonitor(row[0], row[1]);
        } catch (SecretBox.SecretException e) {
          failed.add(e.getMessage());
        }
      }
      for (String[] row : Jdbc.list(c, "SELECT name, spec FROM channel ORDER BY name",
          rs -> new String[] {rs.getString(1), rs.getString(2)})) {
        try {
          secrets.openChannel(row[0], row[1]);
        } catch (SecretBox.SecretException e) {
          failed.add(e.getMessage());
        }
      }
      for (String[] row : Jdbc.list(c, "SELECT id, totp_secret FROM app_user WHERE totp_secret IS NOT NULL ORDER BY id",
          rs -> new String[] {Long.toString(rs.getLong(1)), rs.getString(2)})) {
        try {
          box.open(row[1], "user " + row[0] + " totp-secret");
        } catch (SecretBox.SecretException e) {
          failed.add(e.getMessage());
        }
      }
      return null;
    });
    if (!failed.isEmpty()) {
      int shown = Math.min(failed.size(), 20);
      throw new StoreException("stored secrets cannot be decrypted (" + failed.size() + "); start with the key"
          + " they were encrypted with:\n  " + String.join("\n  ", failed.subList(0, shown))
          + (failed.size() > shown ? "\n  and " + (failed.size() - shown) + " more" : ""), null, true);
    }
  }

  /** A SQLite database in {@code file}, created with its parent folders when missing. */
  public static JdbcStore sqlite(Path file) {
    return sqlite(file, InstantSource.system());
  }

  /** As {@link #sqlite(Path)}, with the clock that stamps created/updated/deleted times. */
  public static JdbcStore sqlite(Path file, InstantSource clock) {
    return sqlite(file, clock, SecretBox.NONE);
  }

  /** As {@link #sqlite(Path, InstantSource)}, encrypting stored credentials with {@code secrets}. */
  public static JdbcStore sqlite(Path file, InstantSource clock, SecretBox secrets) {
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of the SQLite database " + absolute, e);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("pingbase-sqlite");
    config.setJdbcUrl("jdbc:sqlite:" + absolute);
    config.setMaximumPoolSize(SQLITE_POOL_SIZE);
    // Read by sqlite-jdbc as pragmas on every new connection.
    config.addDataSourceProperty("journal_mode", "WAL"); // readers never block the writer
    config.addDataSourceProperty("synchronous", "NORMAL"); // safe under WAL; a crash loses at most the last commits
    config.addDataSourceProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
    config.addDataSourceProperty("foreign_keys", "true");
    // BEGIN IMMEDIATE: a write transaction takes the write lock when it starts, so two writers
    // never deadlock upgrading read locks, and an append waits for a running roll-up.
    config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    return open(config, Dialect.SQLITE, "SQLite database " + absolute, clock, secrets);
  }

  /**
   * A PostgreSQL database. The schema is created in the connection's current schema, so a
   * {@code currentSchema=...} URL parameter chooses where.
   *
   * @param jdbcUrl  for example {@code jdbc:postgresql://db:5432/pingbase}
   * @param poolSize connections kept open; the writer, the housekeeper and the web API share them
   */
  public static JdbcStore postgresql(String jdbcUrl, String user, String password, int poolSize) {
    return postgresql(jdbcUrl, user, password, poolSize, InstantSource.system());
  }

  /** As {@link #postgresql(String, String, String, int)}, with the clock for created/updated times. */
  public static JdbcStore postgresql(String jdbcUrl, String user, String password, int poolSize,
      InstantSource clock) {
    return postgresql(jdbcUrl, user, password, poolSize, clock, SecretBox.NONE);
  }

  /** As {@link #postgresql(String, String, String, int, InstantSource)}, encrypting stored credentials. */
  public static JdbcStore postgresql(String jdbcUrl, String user, String password, int poolSize,
      InstantSource clock, SecretBox secrets) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): " + jdbcUrl);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("PostgreSQL pool size must be >= 1, was " + poolSize);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("pingbase-postgresql");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    // Fail fast when the database is away: the result writer buffers and retries, and a caller
    // waiting 30 s (Hikari's default) for a connection helps nobody.
    config.setConnectionTimeout(5_000);
    config.setValidationTimeout(2_000);
    config.addDataSourceProperty("connectTimeout", "5"); // seconds
    // A database that stops answering mid-query (network cut) fails the query instead of hanging
    // the writer forever; generous, because a roll-up of a large hour is one long read.
    config.addDataSourceProperty("socketTimeout", "120"); // seconds
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("reWriteBatchedInserts", "true"); // one multi-row INSERT per batch
    config.addDataSourceProperty("ApplicationName", "pingbase");
    return open(config, Dialect.POSTGRESQL, "PostgreSQL database " + redact(jdbcUrl), clock, secrets);
  }

  private static JdbcStore open(HikariConfig config, Dialect dialect, String description, InstantSource clock,
      SecretBox secrets) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the " + description + ": " + rootMessage(e), e, false);
    }
    try {
      return new JdbcStore(pool, dialect, description, clock, secrets);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  @Override
  public MonitorStore monitors() {
    return monitors;
  }

  @Override
  public ResultStore results() {
    return results;
  }

  @Override
  public EventStore events() {
    return events;
  }

  @Override
  public HeartbeatStore heartbeats() {
    return heartbeats;
  }

  @Override
  public io.pingbase.account.AccountStore accounts() {
    return accounts;
  }

  @Override
  public io.pingbase.store.ChannelStore channels() {
    return channels;
  }

  @Override
  public io.pingbase.store.StatusPageStore statusPages() {
    return statusPages;
  }

  @Override
  public io.pingbase.alert.Outbox outbox() {
    return outbox;
  }

  @Override
  public MaintenanceStore maintenance() {
    return maintenance;
  }

  @Override
  public boolean ping() {
    try (Connection c = pool.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
    log.info("Closed {}", description);
  }

  @Override
  public String toString() {
    return description;
  }

  /** Keeps a password given in the URL out of logs. */
  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
