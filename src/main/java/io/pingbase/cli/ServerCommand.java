package io.pingbase.cli;

import io.pingbase.app.PingBase;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigLoader;
import io.pingbase.config.LoadedConfig;
import io.pingbase.config.PingBaseConfig;
import io.pingbase.config.StorageSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pingbase server}: runs until SIGTERM or Ctrl-C (or, in-process, until its thread is
 * interrupted); SIGHUP or editing the file reloads the monitors.
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the PingBase server: checks, storage, REST API. Stops cleanly on Ctrl-C or SIGTERM; "
        + "SIGHUP or saving the config file reloads the monitors.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped in-process (SIGTERM and Ctrl-C end with the JVM's 143 and 130)",
        "1:could not start: the config is invalid, the port is taken, the database cannot be opened",
        "2:usage error, or the --config file is missing or unreadable"})
final class ServerCommand implements Callable<Integer> {
  static final Path DEFAULT_CONFIG = Path.of("pingbase.yml");

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Config file (default: ./pingbase.yml when it exists, otherwise built-in defaults and no monitors).")
  Path config;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT",
      description = "HTTP port, 0-65535 (0: any free port); overrides server.port.")
  Integer port;

  @Option(names = {"-d", "--data"}, paramLabel = "DIR",
      description = "Directory of the SQLite database file, created if missing; overrides the directory of storage.path.")
  Path data;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (port != null && (port < 0 || port > 65535)) {
      throw usage("--port must be 0-65535, was " + port);
    }
    Path file = config;
    if (file == null && Files.isRegularFile(DEFAULT_CONFIG)) {
      file = DEFAULT_CONFIG;
    }
    LoadedConfig loaded = null; // null: no file, the built-in defaults
    if (file != null) {
      ConfigFiles.requireReadable(spec.commandLine(), file);
      try {
        // With the hash, the server's file watcher need not parse the file a second time.
        loaded = ConfigLoader.withSystemEnvironment().loadWithHash(file);
      } catch (ConfigException e) {
        err.println("pingbase server: refusing to start, " + file + " has "
            + ConfigFiles.plural(e.errors().size(), "error") + ":");
        ConfigFiles.printErrors(err, e);
        err.flush();
        return 1;
      }
    }
    PingBaseConfig startConfig = loaded == null ? PingBaseConfig.DEFAULT : loaded.config();
    if (data != null && startConfig.storage() instanceof StorageSettings.Postgresql) {
      throw usage("--data applies to SQLite storage only; " + (file == null ? "the config" : file)
          + " sets storage.type: postgresql");
    }
    // The hook is in place before start-up begins: a SIGTERM while the server is still starting
    // (opening the database, warming up checks) waits for start-up to finish and then closes it
    // properly, instead of exiting with the result writer's buffer unflushed.
    AtomicReference<PingBase> running = new AtomicReference<>();
    CountDownLatch startFinished = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      awaitQuietly(startFinished);
      PingBase started = running.get();
      if (started != null) {
        started.close();
      }
      stopped.countDown();
    }, "pingbase-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      PingBase.Overrides overrides = new PingBase.Overrides(port, data);
      running.set(loaded == null
          ? PingBase.start(startConfig, null, overrides, InstantSource.system())
          : PingBase.start(loaded, file, overrides, InstantSource.system()));
    } catch (RuntimeException e) {
      err.println("pingbase server: could not start: " + e.getMessage());
      err.flush();
      removeHook(hook);
      return 1;
    } finally {
      startFinished.countDown();
    }
    return runUntilStopped(running.get(), hook, stopped);
  }

  /** Blocks until the JVM shuts down (the hook closes the server) or this thread is interrupted. */
  private static int runUntilStopped(PingBase server, Thread hook, CountDownLatch stopped) {
    try {
      stopped.await();
      return 0;
    } catch (InterruptedException e) {
      // Stopped in-process. Close here unless the JVM is already shutting down, in which case
      // the hook is closing it and closing twice at once would race.
      if (removeHook(hook)) {
        server.close();
      } else {
        awaitQuietly(stopped);
      }
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Whether the hook was still ours to remove; false when the JVM is already shutting down. */
  private static boolean removeHook(Thread hook) {
    try {
      return Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return false;
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException again) {
      Thread.currentThread().interrupt();
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
