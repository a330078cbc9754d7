package io.pingbase.cli;

import io.pingbase.check.Check;
import io.pingbase.check.CheckFactory;
import io.pingbase.check.CheckResult;
import io.pingbase.check.Resolver;
import io.pingbase.check.SystemResolver;
import io.pingbase.check.Target;
import io.pingbase.check.TargetUrl;
import io.pingbase.check.WarmUp;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigLoader;
import io.pingbase.config.Durations;
import io.pingbase.net.NetworkPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pingbase check tcp://host:port}: a better {@code nc -zv}. One line per attempt with the
 * status, the precise reason and the phase times (see {@link CheckReport}); exit 0 when every
 * attempt was up, 1 when any was down, 2 on a usage error, 130 after Ctrl-C.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Check a target once (or --count times) and print what was seen: one line per attempt with "
        + "UP or DOWN, the reason, the DNS and connect times and the address contacted."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every attempt was up", "1:at least one attempt was down",
        "2:usage error, or the --config file is missing, unreadable or invalid",
        "130:interrupted (Ctrl-C); the summary is printed first"})
final class CheckCommand implements Callable<Integer> {
  static final int MAX_COUNT = 100_000;
  /** Between attempts: a loop of --count 100000 must not turn into a flood of connections. */
  static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  @Parameters(index = "0", paramLabel = "TARGET",
      description = "tcp://host:port; IPv6 as tcp://[::1]:5432; host:port alone means tcp. "
          + "dns://server[:port]/name?type=MX&transport=tcp (dns:///name asks the system resolver). "
          + "Heartbeat monitors are passive (the job pings PingBase): nothing to check from here. "
          + "A protocol's scheme also speaks it after connecting (port optional): redis://, postgresql://, "
          + "mysql://, smtp://[?starttls=true], amqp://, mqtt://, nats://, ssh://. "
          + "tls://host:port checks the certificate (?starttls=smtp|imap|pop3|postgresql, ?server-name=,"
          + " ?ca-file=, ?warn-days=30,14,7). "
          + "http://... or https://... runs a GET with the http monitor's defaults.")
  String target;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
      description = "Deadline per attempt, DNS included, e.g. 300ms, 3s (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = {"-c", "--count"}, paramLabel = "N", defaultValue = "1",
      description = "Attempts to make, 1-" + MAX_COUNT + "; more than one prints a summary (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
      description = "Pause between attempts, at least 100ms (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--json", description = "Print one JSON object per line instead of text, for scripts.")
  boolean json;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Take the network section (targets, allow) from this config file, as the server would; "
          + "nothing else of it is used.")
  Path config;

  @Option(names = "--network", paramLabel = "TARGETS",
      description = "self-hosted (every address may be checked) or multi-tenant (loopback, private, link-local, "
          + "multicast and reserved addresses are refused as BLOCKED); overrides network.targets of --config "
          + "(default: the config's, else self-hosted).")
  String network;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Target parsed;
    try {
      parsed = TargetUrl.parse(target);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    if (count < 1 || count > MAX_COUNT) {
      throw usage("--count must be 1-" + MAX_COUNT + ", was " + count);
    }
    if (timeout.isZero()) {
      throw usage("--timeout must be at least 1ms, was 0");
    }
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw usage("--interval must be at least " + Durations.format(MIN_INTERVAL) + ", was "
          + Durations.format(interval));
    }
    NetworkPolicy policy = policy();
    if (policy == null) {
      return 2;
    }
    CheckReport report = new CheckReport(parsed, spec.commandLine().getOut(),
        json ? CheckReport.Format.JSON : CheckReport.Format.TEXT, count);
    // Ctrl-C during a series prints the summary of what was seen, as ping does. The hook cannot
    // wait for a connect in flight (platform-thread sockets ignore interrupts); the report
    // makes sure that attempt is not printed after the summary.
    Thread onCtrlC = new Thread(() -> report.finish(true), "pingbase-check-summary");
    boolean hooked = count > 1 && addShutdownHook(onCtrlC);
    boolean interrupted = false;
    try (SystemResolver resolver = new SystemResolver(2)) {
      // The warm-up dials its own loopback listener, so it runs unrestricted (see WarmUp).
      warmUp(new CheckFactory(resolver), resolver);
      Check check = new CheckFactory(resolver, policy).create(parsed);
      for (int i = 0; i < count; i++) {
        if (i > 0 && !pause()) {
          interrupted = true;
          break;
        }
        CheckResult r = check.run(timeout);
        if (Thread.interrupted()) { // stopped mid-attempt: what it saw is not about the target
          interrupted = true;
          break;
        }
        if (!report.attempt(r)) {
          break;
        }
      }
    } finally {
      if (hooked) {
        removeShutdownHook(onCtrlC);
      }
    }
    return report.finish(interrupted);
  }

  /** The network policy of --config and --network; null after printing why the config is unusable. */
  private NetworkPolicy policy() {
    NetworkPolicy fromFile = NetworkPolicy.SELF_HOSTED;
    if (config != null) {
      ConfigFiles.requireReadable(spec.commandLine(), config);
      try {
        fromFile = ConfigLoader.withSystemEnvironment().load(config).network();
      } catch (ConfigException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("pingbase check: " + config + " has " + ConfigFiles.plural(e.errors().size(), "error") + ":");
        ConfigFiles.printErrors(err, e);
        err.flush();
        return null;
      }
    }
    if (network == null) {
      return fromFile;
    }
    NetworkPolicy.Targets targets = NetworkPolicy.Targets.of(network);
    if (targets == null) {
      throw usage("--network must be self-hosted or multi-tenant, was " + network);
    }
    return new NetworkPolicy(targets, fromFile.allow(), fromFile.allowHosts());
  }

  /**
   * A fresh JVM spends 10 ms and more loading classes on its first connect, and tens of ms on its
   * first lookup; a one-off check would print that as network time. So the same code runs once
   * first, against a listener of our own on loopback and the name "localhost", nothing else.
   */
  static void warmUp(CheckFactory checks, Resolver resolver) {
    WarmUp.run(checks, resolver);
  }

  private boolean pause() {
    try {
      Thread.sleep(interval);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private static boolean addShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException shuttingDown) {
      return false;
    }
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting and the hook is running or has run: nothing to undo
    }
  }
}
