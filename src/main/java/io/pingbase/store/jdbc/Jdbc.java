package io.pingbase.store.jdbc;

import io.pingbase.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The whole JDBC helper: borrow a connection, run some statements in or out of a transaction,
 * bind arguments by position, map rows. Every {@link SQLException} leaves here as a
 * {@link StoreException} that names the operation and says whether the data was rejected.
 */
final class Jdbc {

  /** Work done with a borrowed connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Turns the current row into a value. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final DataSource dataSource;
  private final Dialect dialect;

  Jdbc(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  Dialect dialect() {
    return dialect;
  }

  /** Runs {@code work} in one transaction: all of it commits, or none of it. */
  <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      }
      // No need to restore auto-commit: the pool resets it when the connection comes back.
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Runs {@code work} with auto-commit: each statement is its own transaction. */
  <T> T withConnection(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  StoreException failure(String what, SQLException e) {
    String detail = e.getMessage();
    if (e.getNextException() != null && e.getNextException().getMessage() != null) {
      detail = e.getNextException().getMessage();
    }
    return new StoreException(what + " failed: " + detail, e, dialect.rejects(e));
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    }
  }

  static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      ps.setMaxRows(1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
      }
    }
  }

  /** Binds by position. Supports what the schema uses: Long, Integer, Boolean, String, null. */
  static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      int p = i + 1;
      switch (args[i]) {
        case null -> ps.setNull(p, Types.NULL);
        case Long v -> ps.setLong(p, v);
        case Integer v -> ps.setInt(p, v);
        case Boolean v -> ps.setBoolean(p, v);
        case String v -> ps.setString(p, v);
        default -> throw new IllegalArgumentException(
            "cannot bind " + args[i].getClass().getName() + " (parameter " + p + ")");
      }
    }
  }

  /** The column as a long, or null when SQL NULL. */
  static Long longOrNull(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /** The column as an int, or {@code absent} when SQL NULL. */
  static int intOr(ResultSet rs, int column, int absent) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? absent : v;
  }

  private static void rollbackQuietly(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
