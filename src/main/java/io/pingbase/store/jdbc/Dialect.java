package io.pingbase.store.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

/**
 * What differs between the databases PingBase supports. Most SQL is shared: both speak
 * {@code INSERT ... ON CONFLICT ... DO UPDATE}, {@code RETURNING} and row locks are the only real
 * gaps. The schema differs more (identity columns, types) and lives in one migration folder per
 * dialect.
 */
enum Dialect {
  /**
   * One file, one writer at a time. Write transactions start with {@code BEGIN IMMEDIATE} (set on
   * the connection), which takes the write lock up front; so row locks are not needed and are
   * empty strings here.
   */
  SQLITE("sqlite", "", "", null) {
    @Override
    boolean rejectsData(SQLException e) {
      // sqlite-jdbc reports the primary result code as the vendor code.
      int code = e.getErrorCode() & 0xff;
      return code == 18 /* TOOBIG */ || code == 19 /* CONSTRAINT */ || code == 20 /* MISMATCH */
          || code == 25 /* RANGE */;
    }
  },

  /** Many connections write at once; row locks order appends against roll-ups. */
  POSTGRESQL("postgresql", " FOR SHARE", " FOR UPDATE", "SELECT pg_advisory_xact_lock(7142006390)") {
    @Override
    boolean rejectsData(SQLException e) {
      String state = e.getSQLState();
      // Class 22: data exception (value out of range, bad encoding). Class 23: integrity
      // constraint violation. Anything else (08 connection, 40 rollback, 53 resources, 57
      // operator intervention, 55P03 lock timeout) may pass on a later try.
      return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
  };

  private final String folder;
  private final String forShare;
  private final String forUpdate;
  private final String migrationLock;

  Dialect(String folder, String forShare, String forUpdate, String migrationLock) {
    this.folder = folder;
    this.forShare = forShare;
    this.forUpdate = forUpdate;
    this.migrationLock = migrationLock;
  }

  /** Classpath folder of this dialect's migrations. */
  String migrationFolder() {
    return "db/migration/" + folder + "/";
  }

  /** Appended to a SELECT to hold a shared row lock until commit; empty where not needed. */
  String forShare() {
    return forShare;
  }

  /** Appended to a SELECT to hold an exclusive row lock until commit; empty where not needed. */
  String forUpdate() {
    return forUpdate;
  }

  /**
   * A statement that serialises migrations of concurrently starting nodes for the rest of the
   * transaction, or null where the transaction itself already does (SQLite's BEGIN IMMEDIATE).
   */
  String migrationLock() {
    return migrationLock;
  }

  /** True when the database refused the data itself, so sending it again cannot succeed. */
  abstract boolean rejectsData(SQLException e);

  /** {@link #rejectsData} over the whole chain, since batches wrap the real error. */
  boolean rejects(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (rejectsData(x)) {
        return true;
      }
      if (x instanceof BatchUpdateException && x.getCause() instanceof SQLException c && rejectsData(c)) {
        return true;
      }
    }
    return false;
  }
}
