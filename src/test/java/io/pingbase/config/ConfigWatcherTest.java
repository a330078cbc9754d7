package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ConfigWatcherTest {
  private static final Duration DEBOUNCE = Duration.ofMillis(50);
  private static final Duration POLL = Duration.ofMillis(150);
  /** Long enough for several debounces and polls: if nothing fired by then, nothing will. */
  private static final Duration QUIET = Duration.ofMillis(1200);
  private static final Duration AT_MOST = Duration.ofSeconds(10);
  /** A poll too slow to matter, so that a test sees what file system events alone achieve. */
  private static final Duration NO_POLL = Duration.ofHours(1);

  @TempDir Path dir;
  private Path file;
  private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get, id -> false);
  private final BlockingQueue<Object> reports = new LinkedBlockingQueue<>();
  private final ConfigWatcher.Listener listener = new ConfigWatcher.Listener() {
    @Override
    public void reloaded(PingBaseConfig config) {
      reports.add(config);
    }

    @Override
    public void rejected(ConfigException errors) {
      reports.add(errors);
    }
  };
  private ConfigWatcher watcher;

  private static String config(int port) {
    return "server:\n  port: " + port + "\nmonitors:\n  - { name: Db, type: tcp, host: db, port: 5432 }\n";
  }

  @BeforeEach
  void writeFirstVersion() throws Exception {
    file = dir.resolve("pingbase.yml");
    Files.writeString(file, config(8081));
  }

  @AfterEach
  void close() {
    if (watcher != null) {
      watcher.close();
    }
  }

  private void start(boolean events) throws Exception {
    start(events, POLL);
  }

  private void start(boolean events, Duration poll) throws Exception {
    watcher = ConfigWatcher.start(file, loader, loader.load(file), listener, DEBOUNCE, poll, events);
    if (events) {
      assertThat(watcher.usesEvents()).as("this file system delivers events").isTrue();
    }
  }

  private Object next() throws InterruptedException {
    Object report = reports.poll(AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(report).as("a report within %s", AT_MOST).isNotNull();
    return report;
  }

  private int nextLoadedPort() throws InterruptedException {
    Object report = next();
    assertThat(report).isInstanceOf(PingBaseConfig.class);
    return ((PingBaseConfig) report).server().port();
  }

  private void assertQuiet() {
    await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(reports::isEmpty);
  }

  @Test
  void firesOnModify() throws Exception {
    start(true, NO_POLL);
    Files.writeString(file, config(8082));
    assertThat(nextLoadedPort()).isEqualTo(8082);
    assertQuiet();
  }

  @Test
  void firesOnReplaceByRename() throws Exception {
    start(true, NO_POLL);
    Path temp = dir.resolve(".pingbase.yml.swp");
    Files.writeString(temp, config(8083));
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertThat(nextLoadedPort()).isEqualTo(8083);

    // and again: the watch survives the replaced file
    Files.writeString(temp, config(8084));
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertThat(nextLoadedPort()).isEqualTo(8084);
  }

  @Test
  void deleteThenCreateLikeSomeEditorsIsOneReload() throws Exception {
    start(true);
    Files.delete(file);
    Files.writeString(file, config(8085));
    assertThat(nextLoadedPort()).isEqualTo(8085);
    assertQuiet();
  }

  @Test
  void silentOnTouchOrSaveWithoutChange() throws Exception {
    start(true);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
    Files.writeString(file, config(8081));
    assertQuiet();
  }

  @Test
  void silentWhenOnlyCommentsChange() throws Exception {
    start(true);
    Files.writeString(file, "# reviewed\n" + config(8081));
    assertQuiet();
  }

  @Test
  void reportsInvalidContentThenRecovers() throws Exception {
    start(true);
    Files.writeString(file, "server:\n  port: 70000\n");
    Object report = next();
    assertThat(report).isInstanceOf(ConfigException.class);
    assertThat(((ConfigException) report).errors()).extracting(ConfigError::toString)
        .containsExactly(file + ":2:9: server.port: must be an integer 0-65535, was \"70000\"");

    // Back to the config in use: reported, so the application can say the file is valid again.
    Files.writeString(file, config(8081));
    assertThat(nextLoadedPort()).isEqualTo(8081);
  }

  @Test
  void pollingAloneNoticesChanges() throws Exception {
    start(false);
    assertThat(watcher.usesEvents()).isFalse();
    Files.writeString(file, config(8086));
    assertThat(nextLoadedPort()).isEqualTo(8086);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
    assertQuiet();
  }

  @Test
  void pollingNoticesASameSizeChangeWithTheOldTimestamp() throws Exception {
    start(false);
    FileTime before = Files.getLastModifiedTime(file);
    Files.writeString(file, config(8087)); // same length as 8081
    Files.setLastModifiedTime(file, before);
    assertThat(nextLoadedPort()).isEqualTo(8087); // found by the periodic hash
  }

  @Test
  void reportsAFileThatStaysMissingOnce() throws Exception {
    start(true);
    Files.delete(file);
    Object report = next();
    assertThat(report).isInstanceOf(ConfigException.class);
    assertThat(((ConfigException) report).getMessage()).isEqualTo(file + ": file not found");
    assertQuiet();

    Files.writeString(file, config(8081));
    assertThat(nextLoadedPort()).isEqualTo(8081);
  }

  @Test
  void aChangeBetweenLoadAndStartIsNotLost() throws Exception {
    PingBaseConfig loaded = loader.load(file);
    Files.writeString(file, config(8088));
    watcher = ConfigWatcher.start(file, loader, loaded, listener, DEBOUNCE, POLL, true);
    assertThat(nextLoadedPort()).isEqualTo(8088);
  }

  @Test
  void aChangeBetweenLoadWithHashAndStartIsNotLost() throws Exception {
    LoadedConfig loaded = loader.loadWithHash(file);
    Files.writeString(file, config(8088));
    watcher = ConfigWatcher.start(file, loader, loaded, listener, DEBOUNCE, POLL, true);
    assertThat(nextLoadedPort()).isEqualTo(8088);
  }

  /**
   * Starting from a config and the hash of its bytes, the watcher hashes the unchanged file and
   * does not parse it: a large file was parsed twice at start-up, and the second parse, next to
   * the running server, ran out of memory.
   */
  @Test
  void startingWithTheHashOfAnUnchangedFileDoesNotParseItAgain() throws Exception {
    AtomicInteger parses = new AtomicInteger(); // the API id check runs once per monitor and parse
    ConfigLoader counting = new ConfigLoader(name -> null, id -> {
      parses.incrementAndGet();
      return false;
    });
    LoadedConfig loaded = counting.loadWithHash(file);
    assertThat(parses).hasValue(1);
    watcher = ConfigWatcher.start(file, counting, loaded, listener, DEBOUNCE, POLL, true);
    assertThat(parses).hasValue(1);
    assertQuiet(); // several polls, each hashing the file now and then
    assertThat(parses).hasValue(1);

    Files.writeString(file, config(8082));
    assertThat(nextLoadedPort()).isEqualTo(8082);
    assertThat(parses).hasValue(2);
  }

  @Test
  void startingWithoutTheHashParsesTheFileOnce() throws Exception {
    AtomicInteger parses = new AtomicInteger();
    ConfigLoader counting = new ConfigLoader(name -> null, id -> {
      parses.incrementAndGet();
      return false;
    });
    watcher = ConfigWatcher.start(file, counting, counting.load(file), listener, DEBOUNCE, POLL, true);
    assertThat(parses).hasValue(2); // to compare: same config, so nothing is reported
    assertQuiet();
  }

  @Test
  void reloadNowReportsEvenWithoutChange() throws Exception {
    start(true);
    assertQuiet();
    watcher.reloadNow();
    assertThat(reports.poll()).isInstanceOf(PingBaseConfig.class); // synchronous: already there
    assertQuiet();
  }

  @Test
  void reloadNowSeesIdsFreedInTheDatabase() throws Exception {
    java.util.Set<String> apiIds = new java.util.concurrent.CopyOnWriteArraySet<>(List.of("db"));
    ConfigLoader guarded = new ConfigLoader(name -> null, apiIds::contains);
    watcher = ConfigWatcher.start(file, guarded, PingBaseConfig.DEFAULT, listener, DEBOUNCE, POLL, true);
    assertThat(next()).isInstanceOf(ConfigException.class);
    apiIds.clear(); // the API monitor "db" was deleted
    watcher.reloadNow();
    assertThat(reports.poll()).isInstanceOf(PingBaseConfig.class);
  }

  @Test
  void listenerFailuresDoNotStopTheWatcher() throws Exception {
    ConfigWatcher.Listener failing = new ConfigWatcher.Listener() {
      @Override
      public void reloaded(PingBaseConfig config) {
        reports.add(config);
        throw new IllegalStateException("boom");
      }

      @Override
      public void rejected(ConfigException errors) {
        reports.add(errors);
      }
    };
    watcher = ConfigWatcher.start(file, loader, loader.load(file), failing, DEBOUNCE, POLL, true);
    Files.writeString(file, config(8089));
    assertThat(nextLoadedPort()).isEqualTo(8089);
    Files.writeString(file, config(8090));
    assertThat(nextLoadedPort()).isEqualTo(8090);
  }

  @Test
  void closeStopsWatchingPromptly() throws Exception {
    start(true);
    long started = System.nanoTime();
    watcher.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    Files.writeString(file, config(8091));
    assertQuiet();
  }
}
