package io.pingbase.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where results, events and monitor state are stored: one SQLite file, or a PostgreSQL database.
 * A closed set; the store factory switches over it exhaustively.
 */
public sealed interface StorageSettings {
  /** Results held in memory while the database is slow or down, before the oldest are dropped. */
  int DEFAULT_BUFFER = 100_000;
  int MAX_BUFFER = 10_000_000;
  int DEFAULT_POOL_SIZE = 8;
  int MAX_POOL_SIZE = 100;
  Path DEFAULT_SQLITE_PATH = Path.of("./data/pingbase.db");
  StorageSettings DEFAULT = new Sqlite(DEFAULT_SQLITE_PATH, DEFAULT_BUFFER);

  /** The {@code type} key's value: {@code sqlite} or {@code postgresql}. */
  String type();

  int buffer();

  /** @param path database file; relative paths are resolved against the working directory */
  record Sqlite(Path path, int buffer) implements StorageSettings {
    public Sqlite {
      Objects.requireNonNull(path, "path");
      checkBuffer(buffer);
    }

    @Override
    public String type() {
      return "sqlite";
    }
  }

  /**
   * @param url      {@code jdbc:postgresql://host:5432/database}
   * @param username null when the URL or the server's trust rules say who connects
   * @param password null for none; never shown by {@link #toString()}
   */
  record Postgresql(String url, String username, String password, int poolSize, int buffer)
      implements StorageSettings {
    public Postgresql {
      if (url == null || !url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("url must start with jdbc:postgresql:");
      }
      if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
        throw new IllegalArgumentException("pool-size must be 1-" + MAX_POOL_SIZE + ", was " + poolSize);
      }
      checkBuffer(buffer);
    }

    @Override
    public String type() {
      return "postgresql";
    }

    /** Settings end up in logs; the password must not. */
    @Override
    public String toString() {
      return "Postgresql[url=" + url + ", username=" + username + ", password=" + (password == null ? null : "***")
          + ", poolSize=" + poolSize + ", buffer=" + buffer + "]";
    }
  }

  private static void checkBuffer(int buffer) {
    if (buffer < 1 || buffer > MAX_BUFFER) {
      throw new IllegalArgumentException("buffer must be 1-" + MAX_BUFFER + ", was " + buffer);
    }
  }
}
