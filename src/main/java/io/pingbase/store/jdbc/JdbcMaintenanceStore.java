package io.pingbase.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigNode;
import io.pingbase.config.MaintenanceReader;
import io.pingbase.config.MaintenanceWriter;
import io.pingbase.maintenance.MaintenanceWindow;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.store.MaintenanceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * API maintenance windows in the {@code maintenance_window} table, each as the JSON the API
 * speaks, read back by the same reader (without checking the monitors it names: they may have
 * been deleted since, which leaves the window harmlessly covering nothing).
 */
final class JdbcMaintenanceStore implements MaintenanceStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UPSERT = """
      INSERT INTO maintenance_window (name, definition, created_ms, updated_ms) VALUES (?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_ms = excluded.updated_ms""";

  private final Jdbc jdbc;
  private final InstantSource clock;

  JdbcMaintenanceStore(Jdbc jdbc, InstantSource clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public List<MaintenanceWindow> list() {
    return jdbc.withConnection("list maintenance windows", c -> Jdbc.list(c,
        "SELECT name, definition FROM maintenance_window ORDER BY name", JdbcMaintenanceStore::row));
  }

  @Override
  public Optional<MaintenanceWindow> find(String name) {
    return jdbc.withConnection("find maintenance window '" + name + "'", c -> Jdbc.first(c,
        "SELECT name, definition FROM maintenance_window WHERE name = ?", JdbcMaintenanceStore::row, name));
  }

  @Override
  public void save(MaintenanceWindow window) {
    String definition;
    try {
      // As its workspace's members write it: the name column holds the key (acme:patching).
      definition = JSON.writeValueAsString(MaintenanceWriter.toMap(window.toNames()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write maintenance window '" + window.name() + "' as JSON", e);
    }
    long now = clock.millis();
    jdbc.inTransaction("save maintenance window '" + window.name() + "'",
        c -> Jdbc.update(c, UPSERT, window.name(), definition, now, now));
  }

  @Override
  public boolean delete(String name) {
    return jdbc.inTransaction("delete maintenance window '" + name + "'",
        c -> Jdbc.update(c, "DELETE FROM maintenance_window WHERE name = ?", name)) > 0;
  }

  private static MaintenanceWindow row(ResultSet rs) throws SQLException {
    String name = rs.getString(1);
    try {
      return MaintenanceReader.read(ConfigNode.fromJson(JSON.readTree(rs.getString(2))), ZoneOffset.UTC,
          MonitorSource.API, MaintenanceReader.References.UNCHECKED).toKeys(WorkspaceKey.workspaceOf(name));
    } catch (JsonProcessingException | ConfigException e) {
      throw new IllegalStateException("stored maintenance window '" + name + "' cannot be read: " + e.getMessage(), e);
    }
  }
}
