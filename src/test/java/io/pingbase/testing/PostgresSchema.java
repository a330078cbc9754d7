package io.pingbase.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A schema with a random name in the local PostgreSQL's {@code test} database, dropped on close,
 * so that test runs can share the server. Skips (or under CI fails) the test when PostgreSQL is
 * not running.
 */
public final class PostgresSchema implements AutoCloseable {
  public static final String USER = "postgres";
  public static final String DATABASE = "test";

  private final String name;

  private PostgresSchema(String name) {
    this.name = name;
  }

  public static PostgresSchema create() {
    Services.POSTGRESQL.require();
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    var schema = new PostgresSchema("pb_test_" + HexFormat.of().formatHex(random));
    schema.execute("CREATE SCHEMA " + schema.name);
    return schema;
  }

  public String name() {
    return name;
  }

  /** The JDBC URL with this schema as the current one, directly to PostgreSQL. */
  public String url() {
    return url(Services.POSTGRESQL.port());
  }

  /** The JDBC URL through another loopback port, e.g. a {@link TcpProxy} in front of PostgreSQL. */
  public String url(int port) {
    return "jdbc:postgresql://" + Services.HOST + ":" + port + "/" + DATABASE + "?currentSchema=" + name;
  }

  /** A plain connection for checks behind the store's back. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, "");
  }

  public void execute(String sql) {
    try (Connection c = DriverManager.getConnection(url(), USER, ""); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
  }
}
