package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every usage error exits 2 with the command, what is wrong and where to find help on stderr, and
 * nothing on stdout: no check is run, so none of these touches the network.
 */
class UsageErrorTest {

  static Stream<Arguments> checkUsageErrors() {
    return Stream.of(
        Arguments.of(new String[] {"check"}, "Missing required parameter: 'TARGET'"),
        Arguments.of(new String[] {"check", "tcp://host"}, "missing port in \"tcp://host\"; write e.g. tcp://db:5432"),
        Arguments.of(new String[] {"check", "tcp://[::1]"}, "missing port in \"tcp://[::1]\"; write e.g. tcp://[::1]:5432"),
        Arguments.of(new String[] {"check", "tcp://host:0"}, "port must be 1-65535, was 0 in \"tcp://host:0\""),
        Arguments.of(new String[] {"check", "tcp://host:70000"}, "port must be 1-65535, was 70000 in \"tcp://host:70000\""),
        Arguments.of(new String[] {"check", "tcp://host:abc"}, "port must be a number 1-65535, was 'abc' in \"tcp://host:abc\""),
        Arguments.of(new String[] {"check", "udp://host:53"}, "unsupported scheme 'udp' in \"udp://host:53\"; supported: tcp, http, https, redis, postgresql, mysql, smtp, amqp, mqtt, nats, ssh, tls, dns"),
        Arguments.of(new String[] {"check", "heartbeat://nightly"}, "a heartbeat is passive: PingBase does not dial out to it, the job pings PingBase "
            + "(curl -fsS -m 10 --retry 5 http://HOST:8080/ping/TOKEN); see \"Heartbeats: sending pings\" in docs/CLI.md"),
        Arguments.of(new String[] {"check", "tcp://::1:80"}, "IPv6 addresses need brackets: tcp://[::1]:5432, was \"tcp://::1:80\""),
        Arguments.of(new String[] {"check", "host:1", "--timeout", "5x"},
            "Invalid value for option '--timeout': unknown unit \"x\" in \"5x\" (units: ms, s, m, h or d)"),
        Arguments.of(new String[] {"check", "host:1", "--timeout", "0s"}, "--timeout must be at least 1ms, was 0"),
        Arguments.of(new String[] {"check", "host:1", "--count", "0"}, "--count must be 1-100000, was 0"),
        Arguments.of(new String[] {"check", "host:1", "--count", "100001"}, "--count must be 1-100000, was 100001"),
        Arguments.of(new String[] {"check", "host:1", "--count", "lots"}, "Invalid value for option '--count': 'lots' is not an int"),
        Arguments.of(new String[] {"check", "host:1", "--interval", "50ms"}, "--interval must be at least 100ms, was 50ms"),
        Arguments.of(new String[] {"check", "host:1", "--interval", "-1s"},
            "Invalid value for option '--interval': negative durations are not allowed: \"-1s\""),
        Arguments.of(new String[] {"check", "host:1", "--bogus"}, "Unknown option: '--bogus'"),
        Arguments.of(new String[] {"check", "host:1", "host:2"}, "Unmatched argument at index 2: 'host:2'"));
  }

  @ParameterizedTest
  @MethodSource("checkUsageErrors")
  void checkUsageErrorsExit2WithAClearMessage(String[] args, String message) {
    Cli.Run run = Cli.run(args);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("pingbase check: " + message + "\n")
        .endsWith("Try 'pingbase check --help' for more information.\n");
  }

  @Test
  void aMistypedOptionGetsASuggestion() {
    Cli.Run run = Cli.run("check", "host:1", "--timout", "3s");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown options: '--timout', '3s'", "--timeout");
  }

  @Test
  void noCommandShowsTheCommands() {
    Cli.Run run = Cli.run();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("pingbase: missing command: server, validate, check or account\n")
        .contains("Usage: pingbase", "server", "validate", "check");
  }

  @Test
  void anUnknownCommandIsAUsageErrorWithASuggestion() {
    Cli.Run run = Cli.run("chek", "tcp://db:5432");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument", "'chek'", "check");
  }

  @Test
  void versionAndHelp() {
    Cli.Run version = Cli.run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("PingBase ");
    Cli.Run help = Cli.run("help", "check");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: pingbase check");
  }
}
