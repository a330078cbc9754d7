package io.pingbase.store.jdbc;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.monitor.CheckOutcome;
import io.pingbase.monitor.MonitorState;
import io.pingbase.store.Page;
import io.pingbase.store.ResponseStats;
import io.pingbase.store.ResultStore;
import io.pingbase.store.SeriesPoint;
import io.pingbase.store.StoredResult;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Raw results in {@code check_result}, hourly rollups in {@code rollup_hourly}, and the rollup
 * watermark in {@code meta}.
 *
 * <p>Watermark invariant: every hour before the watermark has its rollups computed from all the
 * raw results it had when they were computed, and no result written since is older than the
 * watermark. {@link #append} keeps the second half by lowering the watermark in the same
 * transaction; it reads the watermark under a shared row lock, and {@link #rollUpNextHour} holds
 * an exclusive one, so an append and a roll-up of the same hour never interleave.
 *
 * <p>Access paths: everything per monitor goes through the index on (monitor_ref, at_ms).
 * Roll-ups and pruning, which concern every monitor, walk the monitor table and probe that index
 * per monitor, which spares the big table a second index on at_ms alone.
 */
final class JdbcResultStore implements ResultStore {
  static final long HOUR_MS = 3_600_000;
  /** Ranges up to this long are computed exactly from raw results. */
  static final Duration EXACT_RANGE = Duration.ofHours(48);
  static final int MAX_PAGE = 10_000;
  /** Rows deleted per statement when pruning: keeps each transaction short. */
  static final int PRUNE_CHUNK = 5_000;
  private static final String WATERMARK = "rollup_watermark";

  private static final String INSERT = """
      INSERT INTO check_result (monitor_ref, at_ms, status, recheck, reason, message, response_us,
                                dns_us, connect_us, tls_us, ttfb_us, transfer_us, address, detail)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  private static final String SELECT = """
      SELECT r.id, r.monitor_ref, m.id, r.at_ms, r.status, r.recheck, r.reason, r.message, r.response_us,
             r.dns_us, r.connect_us, r.tls_us, r.ttfb_us, r.transfer_us, r.address, r.detail
      FROM check_result r JOIN monitor m ON m.ref = r.monitor_ref
      WHERE r.monitor_ref = ? AND r.at_ms >= ? AND r.at_ms < ?""";

  private static final String UPSERT_ROLLUP = """
      INSERT INTO rollup_hourly (monitor_ref, hour_ms, up_count, degraded_count, down_count,
                                 min_us, avg_us, max_us, p95_us)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (monitor_ref, hour_ms) DO UPDATE SET
        up_count = excluded.up_count, degraded_count = excluded.degraded_count,
        down_count = excluded.down_count, min_us = excluded.min_us, avg_us = excluded.avg_us,
        max_us = excluded.max_us, p95_us = excluded.p95_us""";

  private final Jdbc jdbc;

  JdbcResultStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  // ---- writing ---------------------------------------------------------------------------------

  @Override
  public void append(List<CheckOutcome> batch) {
    if (batch.isEmpty()) {
      return;
    }
    long oldestHour = Long.MAX_VALUE;
    for (CheckOutcome o : batch) {
      requireStorable(o);
      oldestHour = Math.min(oldestHour, floorHour(o.at().toEpochMilli()));
    }
    long lowest = oldestHour;
    jdbc.inTransaction("append " + batch.size() + " results", c -> {
      // Lock first: a roll-up in progress finishes (and moves the watermark) before we insert.
      Optional<Long> watermark = watermark(c, jdbc.dialect().forShare());
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        for (CheckOutcome o : batch) {
          bindResult(ps, o);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      if (watermark.isPresent() && lowest < watermark.get()) {
        setWatermark(c, lowest);
      }
      return null;
    });
  }

  private static void requireStorable(CheckOutcome o) {
    if (o.observed() != MonitorState.UP && o.observed() != MonitorState.DEGRADED
        && o.observed() != MonitorState.DOWN) {
      throw new IllegalArgumentException("result of monitor '" + o.monitorId() + "' at " + o.at()
          + " is " + o.observed() + "; a result is UP, DEGRADED or DOWN");
    }
  }

  private static void bindResult(PreparedStatement ps, CheckOutcome o) throws SQLException {
    CheckResult r = o.result();
    Phases p = r.phases();
    Jdbc.bind(ps, o.monitorRef(), o.at().toEpochMilli(), o.observed().code(), o.recheck(),
        r.reason() == null ? null : r.reason().code(), r.up() ? r.warning() : r.message(),
        saturate(r.responseMicros()), phase(p.dnsMicros()), phase(p.connectMicros()), phase(p.tlsMicros()),
        phase(p.firstByteMicros()), phase(p.transferMicros()), r.address(), ResultJson.write(r.details()));
  }

  /**
   * Microseconds fit an int column up to about 35.8 minutes; longer values are stored as that
   * maximum. Checks have timeouts far below it, so this only guards against overflow.
   */
  static int saturate(long micros) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, micros));
  }

  private static Integer phase(long micros) {
    return micros < 0 ? null : saturate(micros);
  }

  // ---- reading results -------------------------------------------------------------------------

  @Override
  public Page<StoredResult> results(long monitorRef, Instant from, Instant to, int limit, String cursor) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1-" + MAX_PAGE + ", was " + limit);
    }
    long[] after = cursor == null ? null : decodeCursor(cursor);
    List<StoredResult> rows = jdbc.withConnection("read results of monitor ref " + monitorRef, c -> after == null
        ? Jdbc.list(c, SELECT + " ORDER BY r.at_ms DESC, r.id DESC LIMIT ?", JdbcResultStore::row,
            monitorRef, from.toEpochMilli(), to.toEpochMilli(), limit + 1)
        // at_ms <= ? bounds the index scan; the OR picks up where the previous page stopped.
        : Jdbc.list(c, SELECT + " AND r.at_ms <= ? AND (r.at_ms < ? OR r.id < ?) ORDER BY r.at_ms DESC, r.id DESC LIMIT ?",
            JdbcResultStore::row, monitorRef, from.toEpochMilli(), to.toEpochMilli(), after[0], after[0], after[1],
            limit + 1));
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<StoredResult> page = List.copyOf(rows.subList(0, limit));
    StoredResult last = page.getLast();
    return new Page<>(page, encodeCursor(last.outcome().at().toEpochMilli(), last.id()));
  }

  private static StoredResult row(ResultSet rs) throws SQLException {
    MonitorState observed = MonitorState.ofCode(rs.getInt(5));
    int reason = Jdbc.intOr(rs, 7, -1);
    var phases = new Phases(Jdbc.intOr(rs, 10, -1), Jdbc.intOr(rs, 11, -1), Jdbc.intOr(rs, 12, -1),
        Jdbc.intOr(rs, 13, -1), Jdbc.intOr(rs, 14, -1));
    boolean up = observed.isAvailable();
    String message = rs.getString(8);
    var result = new CheckResult(up, reason < 0 ? null : FailureReason.ofCode(reason), up ? null : message,
        rs.getInt(9), phases, rs.getString(15), up ? message : null, ResultJson.read(rs.getString(16)));
    var outcome = new CheckOutcome(rs.getLong(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
        observed, result, rs.getBoolean(6));
    return new StoredResult(rs.getLong(1), outcome);
  }

  /** Opaque to callers: base64url of "atMs.id" in base 36. */
  static String encodeCursor(long atMs, long id) {
    String plain = Long.toString(atMs, 36) + "." + Long.toString(id, 36);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  static long[] decodeCursor(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      int dot = plain.indexOf('.');
      return new long[] {Long.parseLong(plain.substring(0, dot), 36), Long.parseLong(plain.substring(dot + 1), 36)};
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("invalid cursor '" + cursor + "': pass the 'next' value of a previous page", e);
    }
  }

  // ---- statistics ------------------------------------------------------------------------------

  /**
   * Ranges up to {@link #EXACT_RANGE} come from raw results, exactly. Longer ones take the whole
   * hours below the watermark from rollups and the ragged edges (and anything not rolled up yet)
   * from raw results; their p95 is then the count-weighted mean of the parts' p95s, an estimate.
   * A short range with no raw results (they were pruned) falls back to the same mixed path, so an
   * old day still shows its rollups.
   */
  @Override
  public ResponseStats stats(long monitorRef, Instant from, Instant to) {
    long fromMs = from.toEpochMilli();
    long toMs = to.toEpochMilli();
    if (toMs <= fromMs) {
      return new Stats().build();
    }
    return jdbc.withConnection("compute stats of monitor ref " + monitorRef, c -> {
      if (toMs - fromMs <= EXACT_RANGE.toMillis()) {
        Stats raw = new Stats();
        addRaw(c, raw, monitorRef, fromMs, toMs);
        if (raw.total() > 0) {
          return raw.build();
        }
      }
      Stats mixed = new Stats();
      long rollFrom = ceilHour(fromMs);
      long rollTo = Math.min(floorHour(toMs), watermark(c, "").orElse(Long.MIN_VALUE));
      if (rollFrom < rollTo && addRollups(c, mixed, monitorRef, rollFrom, rollTo)) {
        addRaw(c, mixed, monitorRef, fromMs, rollFrom);
        addRaw(c, mixed, monitorRef, rollTo, toMs);
      } else { // nothing rolled up in range: raw results alone, exact
        addRaw(c, mixed, monitorRef, fromMs, toMs);
      }
      return mixed.build();
    });
  }

  /** Raw results serve charts of up to this range; longer ones read the hourly rollups. */
  static final Duration RAW_SERIES_RANGE = Duration.ofDays(7);

  @Override
  public List<SeriesPoint> series(long monitorRef, Instant from, Instant to, Duration bucket) {
    long fromMs = from.toEpochMilli();
    long toMs = to.toEpochMilli();
    long size = Math.max(1, bucket.toMillis());
    if (toMs <= fromMs) {
      return List.of();
    }
    return jdbc.withConnection("read the chart of monitor ref " + monitorRef, c -> {
      java.util.TreeMap<Long, long[]> buckets = new java.util.TreeMap<>();
      if (toMs - fromMs <= RAW_SERIES_RANGE.toMillis()) {
        rawSeries(c, buckets, monitorRef, fromMs, toMs, size);
      } else {
        long rollFrom = ceilHour(fromMs);
        long rollTo = Math.min(floorHour(toMs), watermark(c, "").orElse(Long.MIN_VALUE));
        if (rollFrom < rollTo) {
          rollupSeries(c, buckets, monitorRef, rollFrom, rollTo, Math.max(size, HOUR_MS));
          rawSeries(c, buckets, monitorRef, fromMs, rollFrom, size);
          rawSeries(c, buckets, monitorRef, rollTo, toMs, size);
        } else {
          rawSeries(c, buckets, monitorRef, fromMs, toMs, size);
        }
      }
      List<SeriesPoint> out = new java.util.ArrayList<>(buckets.size());
      buckets.forEach((start, a) -> out.add(new SeriesPoint(Instant.ofEpochMilli(start), a[0], a[1], a[2],
          a[3] == 0 ? null : a[4] / a[3], a[3] == 0 ? null : a[5], avg(a, 6), avg(a, 8), avg(a, 10), avg(a, 12))));
      return out;
    });
  }


  /** Accumulator: up, degraded, down, answered, sum, max, then (count, sum) for dns, connect, tls, first byte. */
  private static long[] acc(java.util.TreeMap<Long, long[]> buckets, long start) {
    return buckets.computeIfAbsent(start, k -> new long[14]);
  }

  private static Long avg(long[] a, int i) {
    return a[i] == 0 ? null : a[i + 1] / a[i];
  }

  private static void rawSeries(Connection c, java.util.TreeMap<Long, long[]> buckets, long ref, long fromMs, long toMs,
      long size) throws SQLException {
    if (toMs <= fromMs) {
      return;
    }
    Jdbc.list(c, """
        SELECT (at_ms / ?) * ?, status, COUNT(*), SUM(response_us), MAX(response_us),
               COUNT(dns_us), SUM(dns_us), COUNT(connect_us), SUM(connect_us), COUNT(tls_us), SUM(tls_us),
               COUNT(ttfb_us), SUM(ttfb_us)
        FROM check_result WHERE monitor_ref = ? AND at_ms >= ? AND at_ms < ? GROUP BY 1, 2""", rs -> {
          long[] a = acc(buckets, rs.getLong(1));
          MonitorState s = MonitorState.ofCode(rs.getInt(2));
          long n = rs.getLong(3);
          a[s == MonitorState.UP ? 0 : s == MonitorState.DEGRADED ? 1 : 2] += n;
          if (s.isAvailable()) {
            a[3] += n;
            a[4] += rs.getLong(4);
            a[5] = Math.max(a[5], rs.getLong(5));
            for (int i = 0; i < 4; i++) {
              a[6 + 2 * i] += rs.getLong(6 + 2 * i);
              a[7 + 2 * i] += rs.getLong(7 + 2 * i);
            }
          }
          return null;
        }, size, size, ref, fromMs, toMs);
  }

  private static void rollupSeries(Connection c, java.util.TreeMap<Long, long[]> buckets, long ref, long fromMs,
      long toMs, long size) throws SQLException {
    Jdbc.list(c, """
        SELECT (hour_ms / ?) * ?, up_count, degraded_count, down_count, avg_us, max_us
        FROM rollup_hourly WHERE monitor_ref = ? AND hour_ms >= ? AND hour_ms < ?""", rs -> {
          long[] a = acc(buckets, rs.getLong(1));
          long up = rs.getLong(2);
          long degraded = rs.getLong(3);
          a[0] += up;
          a[1] += degraded;
          a[2] += rs.getLong(4);
          Long avgUs = Jdbc.longOrNull(rs, 5);
          if (avgUs != null && up + degraded > 0) {
            a[3] += up + degraded;
            a[4] += avgUs * (up + degraded);
            a[5] = Math.max(a[5], Jdbc.longOrNull(rs, 6) == null ? 0 : rs.getLong(6));
          }
          return null;
        }, size, size, ref, fromMs, toMs);
  }

  private static void addRaw(Connection c, Stats stats, long ref, long fromMs, long toMs) throws SQLException {
    if (toMs <= fromMs) {
      return;
    }
    List<long[]> groups = Jdbc.list(c, """
        SELECT status, COUNT(*), MIN(response_us), MAX(response_us), SUM(response_us)
        FROM check_result WHERE monitor_ref = ? AND at_ms >= ? AND at_ms < ? GROUP BY status""",
        rs -> new long[] {rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)},
        ref, fromMs, toMs);
    long answered = 0;
    for (long[] g : groups) {
      MonitorState s = MonitorState.ofCode((int) g[0]);
      switch (s) {
        case UP -> stats.up += g[1];
        case DEGRADED -> stats.degraded += g[1];
        case DOWN -> stats.down += g[1];
        case PENDING, PAUSED -> throw new IllegalStateException(
            "monitor ref " + ref + " has stored results in state " + s);
      }
      if (s.isAvailable()) {
        answered += g[1];
        stats.answer(g[1], g[2], g[3], g[4]);
      }
    }
    if (answered > 0) {
      long p95 = Jdbc.first(c, """
          SELECT response_us FROM check_result
          WHERE monitor_ref = ? AND at_ms >= ? AND at_ms < ? AND status IN (1, 2)
          ORDER BY response_us LIMIT 1 OFFSET ?""", rs -> rs.getLong(1),
          ref, fromMs, toMs, Rollup.rank95(answered) - 1).orElseThrow();
      stats.p95(p95, answered);
    }
  }

  /** Adds the rollups of whole hours in [fromMs, toMs); false when there were none. */
  private static boolean addRollups(Connection c, Stats stats, long ref, long fromMs, long toMs)
      throws SQLException {
    return Jdbc.first(c, """
        SELECT COUNT(*), SUM(up_count), SUM(degraded_count), SUM(down_count), MIN(min_us), MAX(max_us),
               SUM(CAST(avg_us AS bigint) * (up_count + degraded_count)),
               SUM(CAST(p95_us AS bigint) * (up_count + degraded_count))
        FROM rollup_hourly WHERE monitor_ref = ? AND hour_ms >= ? AND hour_ms < ?""", rs -> {
          if (rs.getLong(1) == 0) {
            return false;
          }
          long up = rs.getLong(2);
          long degraded = rs.getLong(3);
          stats.up += up;
          stats.degraded += degraded;
          stats.down += rs.getLong(4);
          stats.exact = false;
          if (up + degraded > 0) {
            stats.answer(up + degraded, rs.getLong(5), rs.getLong(6), rs.getLong(7));
            stats.p95Weighted += rs.getLong(8);
            stats.p95Weight += up + degraded;
          }
          return true;
        }, ref, fromMs, toMs).orElse(false);
  }

  /** Adds up parts of a range: raw segments and rollups. */
  private static final class Stats {
    long up;
    long degraded;
    long down;
    long answered;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long sum;
    long p95Weighted;
    long p95Weight;
    boolean exact = true;

    long total() {
      return up + degraded + down;
    }

    void answer(long count, long minMicros, long maxMicros, long sumMicros) {
      answered += count;
      min = Math.min(min, minMicros);
      max = Math.max(max, maxMicros);
      sum += sumMicros;
    }

    void p95(long p95, long weight) {
      if (p95Weight > 0) {
        exact = false; // a mean of two parts' p95s is not the p95 of the whole
      }
      p95Weighted += p95 * weight;
      p95Weight += weight;
    }

    ResponseStats build() {
      if (answered == 0) {
        return new ResponseStats(up, degraded, down, -1, -1, -1, -1, exact);
      }
      long p95 = Math.round((double) p95Weighted / p95Weight);
      return new ResponseStats(up, degraded, down, min, Math.round((double) sum / answered), max, p95, exact);
    }
  }

  // ---- rollups ---------------------------------------------------------------------------------

  @Override
  public int rollUp(Instant hourStart) {
    long hour = requireHour(hourStart);
    return jdbc.inTransaction("roll up hour " + hourStart, c -> rollUpHour(c, hour));
  }

  @Override
  public Optional<Instant> rollupWatermark() {
    return jdbc.withConnection("read the rollup watermark", c -> watermark(c, "")).map(Instant::ofEpochMilli);
  }

  @Override
  public Optional<Instant> rollUpNextHour(Instant closedBy) {
    long closedByMs = closedBy.toEpochMilli();
    return jdbc.inTransaction("roll up the next hour", c -> {
      Optional<Long> watermark = watermark(c, jdbc.dialect().forUpdate());
      Long hour = watermark.isPresent() ? watermark.get() : oldest(c).map(JdbcResultStore::floorHour).orElse(null);
      if (hour == null || hour + HOUR_MS > closedByMs) {
        return Optional.empty();
      }
      rollUpHour(c, hour);
      setWatermark(c, hour + HOUR_MS);
      return Optional.of(Instant.ofEpochMilli(hour));
    });
  }

  /**
   * Computes every monitor's rollup of one hour in Java, exactly, from rows streamed in monitor
   * order, and upserts them. Monitors without results that hour get no row; an existing row is
   * left alone then (its results may have been pruned since).
   */
  private static int rollUpHour(Connection c, long hourMs) throws SQLException {
    List<Rollup> rollups = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT m.ref, r.status, r.response_us
        FROM monitor m JOIN check_result r ON r.monitor_ref = m.ref
        WHERE r.at_ms >= ? AND r.at_ms < ? ORDER BY m.ref""")) {
      ps.setFetchSize(10_000); // PostgreSQL streams in a transaction instead of loading the hour at once
      Jdbc.bind(ps, hourMs, hourMs + HOUR_MS);
      try (ResultSet rs = ps.executeQuery()) {
        Rollup.Builder current = null;
        while (rs.next()) {
          long ref = rs.getLong(1);
          if (current == null || current.monitorRef() != ref) {
            if (current != null) {
              rollups.add(current.build());
            }
            current = new Rollup.Builder(ref, hourMs);
          }
          current.add(MonitorState.ofCode(rs.getInt(2)), rs.getInt(3));
        }
        if (current != null) {
          rollups.add(current.build());
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT_ROLLUP)) {
      int pending = 0;
      for (Rollup r : rollups) {
        Jdbc.bind(ps, r.monitorRef(), r.hourMs(), r.up(), r.degraded(), r.down(),
            orNull(r.minMicros()), orNull(r.avgMicros()), orNull(r.maxMicros()), orNull(r.p95Micros()));
        ps.addBatch();
        if (++pending == 1_000) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
    return rollups.size();
  }

  /** One stored rollup; for tests and tools. */
  Optional<Rollup> rollup(long monitorRef, Instant hourStart) {
    long hour = requireHour(hourStart);
    return jdbc.withConnection("read rollup", c -> Jdbc.first(c, """
        SELECT monitor_ref, hour_ms, up_count, degraded_count, down_count, min_us, avg_us, max_us, p95_us
        FROM rollup_hourly WHERE monitor_ref = ? AND hour_ms = ?""",
        rs -> new Rollup(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
            Jdbc.intOr(rs, 6, -1), Jdbc.intOr(rs, 7, -1), Jdbc.intOr(rs, 8, -1), Jdbc.intOr(rs, 9, -1)),
        monitorRef, hour));
  }

  private static Integer orNull(long micros) {
    return micros < 0 ? null : saturate(micros);
  }

  private static Optional<Long> watermark(Connection c, String lock) throws SQLException {
    return Jdbc.first(c, "SELECT value FROM meta WHERE key = ?" + lock, rs -> {
      String v = rs.getString(1);
      return v == null ? null : Long.parseLong(v);
    }, WATERMARK);
  }

  private static void setWatermark(Connection c, long hourMs) throws SQLException {
    if (Jdbc.update(c, "UPDATE meta SET value = ? WHERE key = ?", Long.toString(hourMs), WATERMARK) != 1) {
      throw new IllegalStateException("meta row '" + WATERMARK + "' is missing; the schema is damaged");
    }
  }

  // ---- oldest and pruning ----------------------------------------------------------------------

  @Override
  public Optional<Instant> oldestResult() {
    return jdbc.withConnection("find the oldest result", JdbcResultStore::oldest).map(Instant::ofEpochMilli);
  }

  /** The oldest result's time: one index probe per monitor, instead of an index on at_ms alone. */
  private static Optional<Long> oldest(Connection c) throws SQLException {
    return Jdbc.first(c, """
        SELECT MIN(first_ms) FROM (
          SELECT (SELECT r.at_ms FROM check_result r WHERE r.monitor_ref = m.ref ORDER BY r.at_ms LIMIT 1) AS first_ms
          FROM monitor m) firsts""", rs -> Jdbc.longOrNull(rs, 1));
  }

  @Override
  public long pruneResults(Instant before) {
    long beforeMs = before.toEpochMilli();
    return prune("prune results before " + before, (c, ref) -> Jdbc.update(c, """
        DELETE FROM check_result WHERE id IN (
          SELECT id FROM check_result WHERE monitor_ref = ? AND at_ms < ? LIMIT ?)""",
        ref, beforeMs, PRUNE_CHUNK));
  }

  @Override
  public long pruneRollups(Instant before) {
    long beforeMs = before.toEpochMilli();
    return prune("prune rollups before " + before, (c, ref) -> Jdbc.update(c, """
        DELETE FROM rollup_hourly WHERE monitor_ref = ? AND hour_ms IN (
          SELECT hour_ms FROM rollup_hourly WHERE monitor_ref = ? AND hour_ms < ? LIMIT ?)""",
        ref, ref, beforeMs, PRUNE_CHUNK));
  }

  /** Deletes at most {@link #PRUNE_CHUNK} rows of one monitor; returns how many. */
  @FunctionalInterface
  private interface ChunkDelete {
    int run(Connection c, long monitorRef) throws SQLException;
  }

  /**
   * Deletes monitor by monitor (deleted monitors too), at most {@link #PRUNE_CHUNK} rows per
   * statement, each statement its own transaction: no long transaction, no long lock, and the
   * writer keeps writing between chunks.
   */
  private long prune(String what, ChunkDelete delete) {
    List<Long> refs = jdbc.withConnection(what, c -> Jdbc.list(c, "SELECT ref FROM monitor ORDER BY ref",
        rs -> rs.getLong(1)));
    long total = 0;
    for (long ref : refs) {
      while (true) {
        int n = jdbc.withConnection(what, c -> delete.run(c, ref));
        total += n;
        if (n < PRUNE_CHUNK) {
          break;
        }
      }
    }
    return total;
  }

  // ---- time ------------------------------------------------------------------------------------

  static long floorHour(long ms) {
    return Math.floorDiv(ms, HOUR_MS) * HOUR_MS;
  }

  static long ceilHour(long ms) {
    return -Math.floorDiv(-ms, HOUR_MS) * HOUR_MS;
  }

  private static long requireHour(Instant hourStart) {
    long ms = hourStart.toEpochMilli();
    if (floorHour(ms) != ms || hourStart.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("not the start of an hour: " + hourStart);
    }
    return ms;
  }
}
