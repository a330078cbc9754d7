package io.pingbase.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads {@code pingbase.yml} into a validated {@link PingBaseConfig}, or fails with every error
 * at once, each with file, line, column and key path.
 *
 * <p>The environment and the ids owned by API monitors are passed in, so tests do not depend on
 * the real environment and the loader does not know about the database.
 */
public final class ConfigLoader {
  /** The largest file accepted, in bytes; see {@link YamlTree#MAX_CODE_POINTS}. */
  static final long MAX_FILE_BYTES = YamlTree.MAX_CODE_POINTS;

  private static final String TOO_LARGE = "larger than " + MAX_FILE_BYTES / (1024 * 1024)
      + " MB; refused (a config file is far smaller; this limit stops a wrong or hostile file from exhausting memory)";

  private final Function<String, String> environment;
  private final Predicate<String> idOwnedByApi;

  /**
   * @param environment  value of an environment variable, or null when unset ({@code System::getenv})
   * @param idOwnedByApi whether a monitor created through the API already has this id; such an
   *                     id in the file is an error, because the API monitor would lose its history
   */
  public ConfigLoader(Function<String, String> environment, Predicate<String> idOwnedByApi) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.idOwnedByApi = Objects.requireNonNull(idOwnedByApi, "idOwnedByApi");
  }

  /** A loader reading the process environment, for when no API monitors exist (the CLI's check). */
  public static ConfigLoader withSystemEnvironment() {
    return new ConfigLoader(System::getenv, id -> false);
  }

  /** Reads and validates a file; errors name it as it was given ({@code /etc/pingbase/pingbase.yml}). */
  public PingBaseConfig load(Path file) throws ConfigException {
    String source = file.toString();
    // The bytes are only an argument of decode: not held while the text is parsed.
    return parse(decode(read(file), source), source);
  }

  /**
   * As {@link #load}, also returning the SHA-256 of the bytes that were parsed, for a
   * {@link ConfigWatcher} that starts from this config.
   */
  public LoadedConfig loadWithHash(Path file) throws ConfigException {
    String source = file.toString();
    Content content = Content.of(read(file), source);
    return new LoadedConfig(parse(content.text(), source), HexFormat.of().formatHex(content.sha256()));
  }

  /** Reads and validates file content already in memory (the watcher hashes what it parses). */
  PingBaseConfig parse(byte[] content, String sourceName) throws ConfigException {
    return parse(decode(content, sourceName), sourceName);
  }

  /** The text of a file and the hash of its bytes; the bytes themselves need not be kept. */
  private record Content(String text, byte[] sha256) {
    static Content of(byte[] bytes, String source) throws ConfigException {
      return new Content(decode(bytes, source), ConfigLoader.sha256(bytes));
    }
  }

  /**
   * Strict UTF-8: a file in another encoding is an error, not silently garbled text. Checked in
   * small steps before the String is made, because a CharsetDecoder decoding the whole file at
   * once first builds a char array twice the size of the file.
   */
  private static String decode(byte[] content, String sourceName) throws ConfigException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    CharBuffer out = CharBuffer.allocate(8192);
    CoderResult result;
    do {
      out.clear();
      result = decoder.decode(in, out, true);
      if (result.isError()) {
        throw single(sourceName, "is not valid UTF-8 text");
      }
    } while (result.isOverflow());
    return new String(content, StandardCharsets.UTF_8);
  }

  /** How the loader and the watcher identify content: the same bytes, the same hash. */
  static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The bytes of a config file, refusing what is not a readable file of a sane size. */
  static byte[] read(Path file) throws ConfigException {
    String source = file.toString();
    try {
      if (Files.isDirectory(file)) {
        throw single(source, "is a directory, not a file");
      }
      // Refuse an oversized file before reading it into memory.
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw single(source, "is " + size + " bytes, " + TOO_LARGE);
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] content = in.readNBytes((int) MAX_FILE_BYTES + 1); // it may have grown since
        if (content.length > MAX_FILE_BYTES) {
          throw single(source, "is " + TOO_LARGE);
        }
        return content;
      }
    } catch (NoSuchFileException e) {
      throw single(source, "file not found");
    } catch (AccessDeniedException e) {
      throw single(source, "cannot read the file: permission denied");
    } catch (IOException e) {
      throw single(source, "cannot read the file: " + e);
    }
  }

  /**
   * Reads and validates YAML text.
   *
   * @param sourceName how errors name the text, usually the file name
   */
  public PingBaseConfig parse(String text, String sourceName) throws ConfigException {
    Problems problems = new Problems(sourceName);
    ConfigNode root = YamlTree.parse(text, sourceName, environment, problems);
    PingBaseConfig config = root == null ? null : ConfigReader.read(root, problems, idOwnedByApi);
    problems.throwIfAny();
    return config;
  }

  private static ConfigException single(String source, String message) {
    return new ConfigException(List.of(new ConfigError(source, 0, 0, "", message)));
  }
}
