package io.pingbase.store.jdbc;

import io.pingbase.store.ChannelStore;
import java.time.InstantSource;
import java.util.List;

/** API channels in the {@code channel} table, their secret values encrypted when a key is set ({@link SecretFields}). */
final class JdbcChannelStore implements ChannelStore {
  private final Jdbc jdbc;
  private final InstantSource clock;
  private final SecretFields secrets;

  JdbcChannelStore(Jdbc jdbc, InstantSource clock, SecretFields secrets) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.secrets = secrets;
  }

  @Override
  public List<StoredChannel> list() {
    return jdbc.withConnection("read the API's channels", c -> Jdbc.list(c,
        "SELECT name, spec FROM channel ORDER BY name", rs -> new StoredChannel(rs.getString(1), secrets.openChannel(rs.getString(1), rs.getString(2)))));
  }

  @Override
  public void save(String name, String spec) {
    long now = clock.millis();
    jdbc.withConnection("save channel '" + name + "'", c -> Jdbc.update(c, """
        INSERT INTO channel (name, spec, created_ms, updated_ms) VALUES (?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, updated_ms = excluded.updated_ms""",
        name, secrets.sealChannel(spec), now, now));
  }

  @Override
  public boolean delete(String name) {
    return jdbc.withConnection("delete channel '" + name + "'",
        c -> Jdbc.update(c, "DELETE FROM channel WHERE name = ?", name)) > 0;
  }
}
