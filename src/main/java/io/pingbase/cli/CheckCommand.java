package io.pingbase.cli;

import io.pingbase.check.Check;
import io.pingbase.check.CheckFactory;
import io.pingbase.check.CheckResult;
import io.pingbase.check.Phases;
import io.pingbase.check.SystemResolver;
import io.pingbase.check.Target;
import io.pingbase.check.TargetUrl;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pingbase check tcp://host:port}: a better {@code nc -zv}. One line per attempt with the
 * status, the precise reason and the phase times; exit 0 when every attempt was up, 1 when any
 * was down, 2 on a usage error.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check a target once (or --count times) and print what was seen.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every attempt was up", "1:at least one attempt was down", "2:usage error"})
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TARGET", description = "tcp://host:port (host:port means tcp)")
  String target;

  @Option(names = "--timeout", defaultValue = "5s", converter = DurationConverter.class,
      description = "Deadline per attempt, DNS included (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = {"-c", "--count"}, defaultValue = "1", description = "Attempts to make (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class,
      description = "Pause between attempts (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Target parsed;
    try {
      parsed = TargetUrl.parse(target);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (count < 1 || count > 100_000) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--count must be 1-100000, was " + count);
    }
    if (timeout.isZero()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1ms");
    }
    int up = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    long sum = 0;
    try (SystemResolver resolver = new SystemResolver(2)) {
      Check check = new CheckFactory(resolver).create(parsed);
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          Thread.sleep(interval.toMillis());
        }
        CheckResult r = check.run(timeout);
        out.println(line(parsed, r));
        out.flush();
        if (r.up()) {
          up++;
          min = Math.min(min, r.responseMicros());
          max = Math.max(max, r.responseMicros());
          sum += r.responseMicros();
        }
      }
    }
    if (count > 1) {
      out.printf(Locale.ROOT, "%d attempts: %d up, %d down", count, up, count - up);
      if (up > 0) {
        out.printf(Locale.ROOT, "; connect min/avg/max %s/%s/%s ms", ms(min), ms(sum / up), ms(max));
      }
      out.println();
    }
    out.flush();
    return up == count ? 0 : 1;
  }

  static String line(Target target, CheckResult r) {
    StringBuilder b = new StringBuilder();
    b.append(target.display()).append("  ");
    if (r.up()) {
      b.append("UP    connect ").append(ms(r.phases().connectMicros())).append(" ms");
    } else {
      b.append("DOWN  ").append(r.reason().name()).append("  ").append(r.message());
      if (r.phases().connectMicros() != Phases.ABSENT) {
        b.append("  (after ").append(ms(r.phases().connectMicros())).append(" ms)");
      }
    }
    b.append("  dns ").append(r.phases().dnsMicros() == Phases.ABSENT ? "-" : ms(r.phases().dnsMicros()) + " ms");
    if (r.up() && r.address() != null) {
      b.append("  ").append(r.address());
    }
    return b.toString();
  }

  static String ms(long micros) {
    return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
  }
}
