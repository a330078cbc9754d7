package io.pingbase.cli;

import io.pingbase.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Lets options take PingBase durations ("500ms", "3s"); a bad one is a usage error (exit 2). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
