package io.pingbase.cli;

import io.pingbase.app.PingBase;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigLoader;
import io.pingbase.config.PingBaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pingbase server}: runs until SIGTERM or Ctrl-C; SIGHUP or editing the file reloads the monitors. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run the PingBase server: checks, storage, REST API.")
final class ServerCommand implements Callable<Integer> {
  static final Path DEFAULT_CONFIG = Path.of("pingbase.yml");

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Config file (default: ./pingbase.yml when it exists, otherwise built-in defaults and no monitors).")
  Path config;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "HTTP port; overrides server.port.")
  Integer port;

  @Option(names = {"-d", "--data"}, paramLabel = "DIR",
      description = "Directory of the SQLite database file; overrides the directory of storage.path.")
  Path data;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (port != null && (port < 0 || port > 65535)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0-65535, was " + port);
    }
    Path file = config;
    if (file == null && Files.isRegularFile(DEFAULT_CONFIG)) {
      file = DEFAULT_CONFIG;
    }
    PingBaseConfig loaded;
    if (file == null) {
      loaded = PingBaseConfig.DEFAULT;
    } else {
      try {
        loaded = ConfigLoader.withSystemEnvironment().load(file);
      } catch (ConfigException e) {
        spec.commandLine().getErr().println("pingbase: refusing to start, " + file + " is invalid:");
        spec.commandLine().getErr().println(e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
    }
    PingBase server;
    try {
      server = PingBase.start(loaded, file, new PingBase.Overrides(port, data), InstantSource.system());
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("pingbase: could not start: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "pingbase-shutdown"));
    stopped.await();
    return 0;
  }
}
