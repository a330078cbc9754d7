package io.pingbase.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema up to the version this code knows, one numbered script at a time,
 * and refuses to run against a schema newer than that.
 *
 * <p>Why not Flyway or Liquibase: PingBase supports SQLite and PostgreSQL with one SQL folder
 * each, has a handful of scripts, and starts in a blink; what it needs is "apply the scripts not
 * yet applied, in order, each in a transaction, and record them", which is the eighty lines
 * below. A migration library would add a few megabytes, classpath scanning at start-up, its own
 * history table format and its own opinions on SQLite, for features (undo, callbacks, checksums
 * across branches) this project does not use.
 *
 * <p>Invariants. {@code schema_version} has one row per applied script; the highest version is
 * the schema's version. Each script and its row commit together (both databases have
 * transactional DDL), so a failed script leaves the previous version intact. Nodes starting at
 * once serialise on a lock (PostgreSQL advisory lock; SQLite's immediate transaction) and re-read
 * the version under it, so a script is applied once.
 *
 * <p>Adding a migration: put {@code V00N__what.sql} in every dialect's folder and add its name to
 * {@link #MIGRATIONS}; never edit a script that has been released.
 */
final class Migrator {
  private static final Logger log = LoggerFactory.getLogger(Migrator.class);

  /** Every script, in order; version N is {@code MIGRATIONS.get(N - 1)}. */
  static final List<String> MIGRATIONS = List.of("V001__init", "V002__result_detail", "V003__heartbeat",
      "V004__alert_outbox", "V005__maintenance", "V006__channel",
      "V007__accounts", "V008__sessions_and_workspaces", "V009__status_pages");

  /** The newest schema version this code knows. */
  static final int LATEST = MIGRATIONS.size();

  private final Jdbc jdbc;
  private final InstantSource clock;

  Migrator(Jdbc jdbc, InstantSource clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Applies every script the database lacks.
   *
   * @return the schema version afterwards, always {@link #LATEST}
   * @throws IllegalStateException when the database's schema is newer than this code
   */
  int migrate() {
    while (true) {
      int version = jdbc.inTransaction("migrate the database schema", this::step);
      if (version == LATEST) {
        return version;
      }
    }
  }

  /** Under the lock: checks the version and applies at most one script. Returns the version after. */
  private int step(Connection c) throws SQLException {
    Dialect dialect = jdbc.dialect();
    if (dialect.migrationLock() != null) {
      Jdbc.list(c, dialect.migrationLock(), rs -> null);
    }
    Jdbc.update(c, "CREATE TABLE IF NOT EXISTS schema_version ("
        + "version integer PRIMARY KEY, name text NOT NULL, applied_ms bigint NOT NULL)");
    int current = Jdbc.first(c, "SELECT MAX(version) FROM schema_version", rs -> rs.getInt(1)).orElse(0);
    if (current > LATEST) {
      throw new IllegalStateException("the database schema is at version " + current
          + " but this PingBase only knows versions up to " + LATEST
          + ": it was upgraded by a newer PingBase. Run that version (or newer), or point this one at another database;"
          + " downgrading a schema is not supported");
    }
    if (current == LATEST) {
      return current;
    }
    int next = current + 1;
    String name = MIGRATIONS.get(next - 1);
    List<String> statements = statements(script(dialect, name));
    log.info("Migrating the {} schema from version {} to {} ({}, {} statements)",
        dialect.name().toLowerCase(Locale.ROOT), current, next, name, statements.size());
    try (Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
    Jdbc.update(c, "INSERT INTO schema_version (version, name, applied_ms) VALUES (?, ?, ?)",
        next, name, clock.millis());
    return next;
  }

  static String script(Dialect dialect, String name) {
    String path = dialect.migrationFolder() + name + ".sql";
    try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("migration script " + path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration script " + path, e);
    }
  }

  /**
   * Splits a script into statements at each {@code ;} outside quotes, dropping {@code --}
   * comments. Enough for plain DDL; a script with function bodies would need more.
   */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < script.length(); i++) {
      char ch = script.charAt(i);
      if (!quoted && ch == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? script.length() : end;
        current.append('\n');
        continue;
      }
      if (ch == '\'') {
        quoted = !quoted;
      }
      if (!quoted && ch == ';') {
        add(out, current);
        current.setLength(0);
      } else {
        current.append(ch);
      }
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder sql) {
    String s = sql.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
