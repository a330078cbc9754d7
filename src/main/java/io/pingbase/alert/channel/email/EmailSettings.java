package io.pingbase.alert.channel.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Where and how the email channel sends: one SMTP server, one sender, one or more recipients.
 * Validated when built; every problem is listed in one message, nothing is replaced by a default.
 *
 * @param host           the SMTP server (a name or an address literal)
 * @param port           its port (see {@link Security#defaultPort()})
 * @param security       how the connection is protected
 * @param username       for SMTP AUTH; null to send without authenticating
 * @param password       for SMTP AUTH; required with a username. Never shown by {@link #toString()}
 * @param from           the sender address ("PingBase &lt;alerts@example.com&gt;")
 * @param to             the recipients, at least one
 * @param connectTimeout how long to wait for the TCP connection
 * @param readTimeout    how long to wait for each reply of the server (greeting included)
 * @param caFile         a PEM file of CAs to trust instead of the JDK's (a private CA of an internal
 *                       relay); null for the JDK's trust store. Read when a message is sent
 * @param zone           the time zone times are shown in
 * @param heloName       the name sent in EHLO; null lets the mail library use this host's name
 */
public record EmailSettings(
    String host,
    int port,
    Security security,
    String username,
    String password,
    String from,
    List<String> to,
    Duration connectTimeout,
    Duration readTimeout,
    Path caFile,
    ZoneId zone,
    String heloName) {

  /** The longest timeout accepted: a sender waits at most this per step. */
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  /** How the SMTP connection is protected. */
  public enum Security {
    /** Plain SMTP; no TLS (only for a relay on the same host or a trusted network). */
    NONE(25),
    /** Plain SMTP upgraded with STARTTLS before anything else is sent; refuses a server without it. */
    STARTTLS(587),
    /** TLS from the first byte (SMTPS, "implicit TLS"). */
    SMTPS(465);

    private final int defaultPort;

    Security(int defaultPort) {
      this.defaultPort = defaultPort;
    }

    /** The usual port: 25, 587 or 465. */
    public int defaultPort() {
      return defaultPort;
    }

    /** As written in config: "none", "starttls", "smtps". */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public EmailSettings {
    to = to == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(to)); // nulls reported below
    List<String> problems = new ArrayList<>();
    if (host == null || host.isBlank()) {
      problems.add("host must not be blank");
    }
    if (port < 1 || port > 65535) {
      problems.add("port must be 1..65535, not " + port);
    }
    if (security == null) {
      problems.add("security must be none, starttls or smtps");
    }
    if (username != null && username.isBlank()) {
      problems.add("username must not be blank when given");
    }
    if (username != null && (password == null || password.isEmpty())) {
      problems.add("password is required with a username");
    }
    if (username == null && password != null) {
      problems.add("password given without a username");
    }
    checkAddress("from", from, problems);
    if (to.isEmpty()) {
      problems.add("to must name at least one address");
    }
    for (int i = 0; i < to.size(); i++) {
      checkAddress("to[" + i + "]", to.get(i), problems);
    }
    checkTimeout("connect-timeout", connectTimeout, problems);
    checkTimeout("read-timeout", readTimeout, problems);
    if (zone == null) {
      problems.add("zone must be set");
    }
    if (heloName != null && (heloName.isBlank() || heloName.chars().anyMatch(c -> c <= ' ' || c >= 127))) {
      problems.add("helo-name must be one word of ASCII letters, digits, dots or dashes");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("email channel: " + String.join("; ", problems));
    }
  }

  /** Settings with the usual port for {@code security}, 10 s timeouts, UTC and no authentication. */
  public static EmailSettings of(String host, Security security, String from, List<String> to) {
    return new EmailSettings(host, security == null ? 0 : security.defaultPort(), security, null, null, from, to,
        Duration.ofSeconds(10), Duration.ofSeconds(10), null, ZoneId.of("UTC"), null);
  }

  /** Its keys in pingbase.yml and the API. */
  public static final List<String> KEYS = List.of("host", "port", "security", "username", "password", "from", "to",
      "connect-timeout", "read-timeout", "ca-file", "helo-name");

  /** Reads the keys; port defaults to the security's usual port, timeouts to 10 s. */
  public static EmailSettings read(io.pingbase.alert.channel.ChannelFields f) {
    String sec = f.text("security");
    Security security = Security.STARTTLS;
    if (sec != null) {
      security = switch (sec.toLowerCase(Locale.ROOT)) {
        case "none" -> Security.NONE;
        case "starttls" -> Security.STARTTLS;
        case "smtps", "tls", "ssl" -> Security.SMTPS;
        default -> throw new IllegalArgumentException("security must be none, starttls or smtps, not '" + sec + "'");
      };
    }
    Integer port = f.integer("port", 1, 65535);
    Duration connect = f.duration("connect-timeout");
    Duration read = f.duration("read-timeout");
    String ca = f.text("ca-file");
    return new EmailSettings(f.text("host"), port == null ? security.defaultPort() : port, security,
        f.text("username"), f.text("password"), f.text("from"), f.texts("to"),
        connect == null ? Duration.ofSeconds(10) : connect, read == null ? Duration.ofSeconds(10) : read,
        ca == null ? null : Path.of(ca), f.zone(), f.text("helo-name"));
  }

  public EmailSettings withPort(int port) {
    return new EmailSettings(host, port, security, username, password, from, to, connectTimeout, readTimeout,
        caFile, zone, heloName);
  }

  public EmailSettings withLogin(String username, String password) {
    return new EmailSettings(host, port, security, username, password, from, to, connectTimeout, readTimeout,
        caFile, zone, heloName);
  }

  public EmailSettings withTimeouts(Duration connect, Duration read) {
    return new EmailSettings(host, port, security, username, password, from, to, connect, read, caFile, zone,
        heloName);
  }

  public EmailSettings withCaFile(Path caFile) {
    return new EmailSettings(host, port, security, username, password, from, to, connectTimeout, readTimeout,
        caFile, zone, heloName);
  }

  public EmailSettings withZone(ZoneId zone) {
    return new EmailSettings(host, port, security, username, password, from, to, connectTimeout, readTimeout,
        caFile, zone, heloName);
  }

  public EmailSettings withHeloName(String heloName) {
    return new EmailSettings(host, port, security, username, password, from, to, connectTimeout, readTimeout,
        caFile, zone, heloName);
  }

  /** The password is a secret: it never appears in logs or error messages. */
  @Override
  public String toString() {
    return "EmailSettings[host=" + host + ", port=" + port + ", security=" + (security == null ? null : security.wire())
        + ", username=" + username + ", password=" + (password == null ? "none" : "***") + ", from=" + from
        + ", to=" + to + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", caFile=" + caFile
        + ", zone=" + zone + ", heloName=" + heloName + "]";
  }

  private static void checkAddress(String key, String address, List<String> problems) {
    if (address == null || address.isBlank()) {
      problems.add(key + " must be an email address");
      return;
    }
    try {
      InternetAddress[] parsed = InternetAddress.parse(address, true);
      if (parsed.length != 1) {
        problems.add(key + " must be one address, not " + parsed.length + ": " + address);
      } else {
        parsed[0].validate();
      }
    } catch (AddressException e) {
      problems.add(key + " is not a valid email address (" + e.getMessage() + "): " + address);
    }
  }

  private static void checkTimeout(String key, Duration timeout, List<String> problems) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      problems.add(key + " must be positive");
    } else if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      problems.add(key + " must be at most " + MAX_TIMEOUT.toMinutes() + " minutes, not " + timeout);
    } else if (timeout.toMillis() < 1) {
      problems.add(key + " must be at least 1 ms");
    }
  }
}
