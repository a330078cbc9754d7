package io.pingbase.config;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A config and the SHA-256 of the bytes it was read from. The hash lets a {@link ConfigWatcher}
 * started later tell whether the file changed since, by hashing it instead of parsing it again
 * (parsing a file of 100,000 monitors takes seconds and a heap the running server would share).
 *
 * @param sha256 lowercase hex, as {@code sha256sum} prints it
 */
public record LoadedConfig(PingBaseConfig config, String sha256) {
  public LoadedConfig {
    Objects.requireNonNull(config, "config");
    if (sha256 == null || sha256.length() != 64 || !sha256.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("sha256 must be 64 hex digits, was " + sha256);
    }
    sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
  }
}
