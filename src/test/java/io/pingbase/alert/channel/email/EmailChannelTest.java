package io.pingbase.alert.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.email.EmailSettings.Security;
import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import io.pingbase.testing.TestCertificates;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The email channel against real SMTP servers on loopback: GreenMail (plain SMTP, SMTPS with a
 * certificate from a test CA, AUTH) and {@link ScriptedSmtpServer} (STARTTLS, chosen error
 * replies, silence).
 */
class EmailChannelTest {
  static final Instant AT = Instant.parse("2026-01-15T12:00:00Z");
  static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-15T12:00:07Z"));

  static TestCertificates.Authority ca;
  static Path caPem;
  static GreenMail greenMail;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ca = TestCertificates.authority("PingBase Test Mail CA");
    caPem = dir.resolve("ca.pem");
    Files.writeString(caPem, pem(ca.certificate().getEncoded()));
    // GreenMail's SMTPS takes its key store from these system properties, read once per JVM when
    // the first SMTPS server starts. No other test starts GreenMail SMTPS.
    TestCertificates.Leaf leaf = ca.leaf("localhost", "127.0.0.1").issue();
    Path keyStore = dir.resolve("greenmail.p12");
    try (OutputStream out = Files.newOutputStream(keyStore)) {
      leaf.keyStore().store(out, TestCertificates.Leaf.password());
    }
    System.setProperty("greenmail.tls.keystore.file", keyStore.toString());
    System.setProperty("greenmail.tls.keystore.password", new String(TestCertificates.Leaf.password()));
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)});
    greenMail.start();
    greenMail.setUser("alerts@example.com", "alerts", "s3cret");
  }

  @AfterAll
  static void stop() {
    greenMail.stop();
  }

  @BeforeEach
  void purge() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
  }

  static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END CERTIFICATE-----\n";
  }

  static EmailSettings plain(int port) {
    return EmailSettings.of("127.0.0.1", Security.NONE, "PingBase <alerts@example.com>", List.of("ops@example.com"))
        .withPort(port).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3)).withHeloName("pingbase.test");
  }

  static Notification down(String name, String message) {
    return new Notification("evt-0001", "inc-42", Notification.Kind.DOWN, "db", name, "tcp://db:5432",
        MonitorState.UP, MonitorState.DOWN, FailureReason.REFUSED, message, 1_234, AT, null);
  }

  static Delivery send(EmailSettings settings, Notification n) {
    return new EmailChannel(settings, CLOCK).send(n);
  }

  static MimeMessage onlyMessage() {
    MimeMessage[] got = greenMail.getReceivedMessages();
    assertThat(got).hasSize(1);
    return got[0];
  }

  static String part(MimeMessage m, String type) throws Exception {
    MimeMultipart alternative = (MimeMultipart) m.getContent();
    for (int i = 0; i < alternative.getCount(); i++) {
      BodyPart p = alternative.getBodyPart(i);
      if (p.isMimeType(type)) {
        return (String) p.getContent();
      }
    }
    throw new AssertionError("no " + type + " part");
  }

  @Test
  void deliversAMultipartAlternativeMessageOverPlainSmtp() throws Exception {
    Delivery d = send(plain(greenMail.getSmtp().getPort()), down("Postgres primary", "connection refused"));

    assertThat(d).isInstanceOf(Delivery.Delivered.class);
    assertThat(d.summary()).startsWith("250");
    MimeMessage m = onlyMessage();
    assertThat(m.getSubject()).isEqualTo("DOWN: Postgres primary (REFUSED)");
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    MimeMultipart alternative = (MimeMultipart) m.getContent();
    assertThat(alternative.getCount()).isEqualTo(2);
    assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
    assertThat(part(m, "text/plain")).contains("Target:", "tcp://db:5432", "Reason:", "REFUSED",
        "connection refused", "1.234 ms", "UP \u2192 DOWN");
    assertThat(part(m, "text/html")).contains("<td>tcp://db:5432</td>", "<td>REFUSED</td>");
    assertThat(m.getFrom()[0].toString()).isEqualTo("PingBase <alerts@example.com>");
    assertThat(m.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
  }

  @Test
  void theEventIdTravelsAsMessageIdAndHeaderSoDuplicatesCanBeRecognised() throws Exception {
    Notification n = down("Postgres primary", null);
    EmailSettings s = plain(greenMail.getSmtp().getPort());
    assertThat(send(s, n)).isInstanceOf(Delivery.Delivered.class);
    assertThat(send(s, n)).isInstanceOf(Delivery.Delivered.class); // a retry after a lost reply

    MimeMessage[] got = greenMail.getReceivedMessages();
    assertThat(got).hasSize(2);
    for (MimeMessage m : got) {
      assertThat(m.getMessageID()).isEqualTo("<evt-0001@example.com>");
      assertThat(m.getHeader("X-PingBase-Event-Id")).containsExactly("evt-0001");
      assertThat(m.getHeader("X-PingBase-Incident")).containsExactly("inc-42");
      assertThat(m.getHeader("References")).containsExactly("<incident.inc-42@example.com>");
    }
  }

  @Test
  void monitorTextIsEscapedInTheHtmlPart() throws Exception {
    Notification n = down("<script>alert('x')</script>", "got \"<b>bold</b>\" & more");
    assertThat(send(plain(greenMail.getSmtp().getPort()), n)).isInstanceOf(Delivery.Delivered.class);

    MimeMessage m = onlyMessage();
    String html = part(m, "text/html");
    assertThat(html).doesNotContain("<script>", "<b>bold</b>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "got &quot;&lt;b&gt;bold&lt;/b&gt;&quot; &amp; more");
    assertThat(part(m, "text/plain")).contains("<script>alert('x')</script>");
    assertThat(m.getSubject()).isEqualTo("DOWN: <script>alert('x')</script> (REFUSED)");
  }

  @Test
  void nonAsciiTextIsEncodedInHeadersAndBodies() throws Exception {
    EmailSettings s = EmailSettings.of("127.0.0.1", Security.NONE, "PingBäse Wächter <alerts@example.com>",
        List.of("Jörg Müller <ops@example.com>")).withPort(greenMail.getSmtp().getPort());
    assertThat(send(s, down("Datenbank Größe €", "Verbindung abgewiesen: äöü"))).isInstanceOf(Delivery.Delivered.class);

    MimeMessage m = onlyMessage();
    assertThat(m.getSubject()).isEqualTo("DOWN: Datenbank Größe € (REFUSED)");
    assertThat(((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("PingBäse Wächter");
    assertThat(((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getPersonal())
        .isEqualTo("Jörg Müller");
    assertThat(m.getHeader("From")[0]).startsWith("=?UTF-8?").matches("\\p{ASCII}+");
    assertThat(m.getHeader("Subject")[0]).startsWith("=?UTF-8?").matches("\\p{ASCII}+");
    assertThat(part(m, "text/plain")).contains("Datenbank Größe €", "Verbindung abgewiesen: äöü");
    assertThat(part(m, "text/html")).contains("Datenbank Größe €");
  }

  @Test
  void timesAreShownInTheConfiguredZone() throws Exception {
    EmailSettings s = plain(greenMail.getSmtp().getPort()).withZone(ZoneId.of("Europe/Berlin"));
    Notification recovered = new Notification("evt-2", "inc-42", Notification.Kind.RECOVERED, "db", "Postgres",
        "tcp://db:5432", MonitorState.DOWN, MonitorState.UP, null, null, -1, AT, Duration.ofSeconds(303));
    assertThat(send(s, recovered)).isInstanceOf(Delivery.Delivered.class);

    String text = part(onlyMessage(), "text/plain");
    assertThat(text).contains("Recovered at:", "2026-01-15 13:00:00 +01:00 (Europe/Berlin)", "Down for:", "5m 3s")
        .doesNotContain("Response time");
  }

  @Test
  void authenticatesWithAUser() throws Exception {
    EmailSettings s = plain(greenMail.getSmtp().getPort()).withLogin("alerts", "s3cret");
    Delivery d = send(s, down("Postgres", null));
    assertThat(d).as(d.toString()).isInstanceOf(Delivery.Delivered.class);
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aWrongPasswordIsRejectedWithTheServersReply() {
    EmailSettings s = plain(greenMail.getSmtp().getPort()).withLogin("alerts", "wrong");
    Delivery d = send(s, down("Postgres", null));
    assertThat(d).isInstanceOf(Delivery.Rejected.class);
    assertThat(d.summary()).startsWith("authentication failed: 535");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void smtpsWithAPrivateCa() throws Exception {
    EmailSettings s = EmailSettings.of("localhost", Security.SMTPS, "alerts@example.com", List.of("ops@example.com"))
        .withPort(greenMail.getSmtps().getPort()).withCaFile(caPem).withLogin("alerts", "s3cret")
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
    Delivery d = send(s, down("Postgres", null));
    assertThat(d).as(d.toString()).isInstanceOf(Delivery.Delivered.class);
    assertThat(onlyMessage().getSubject()).isEqualTo("DOWN: Postgres (REFUSED)");
  }

  @Test
  void smtpsWithAnUntrustedCertificateIsRejected() {
    EmailSettings s = EmailSettings.of("localhost", Security.SMTPS, "alerts@example.com", List.of("ops@example.com"))
        .withPort(greenMail.getSmtps().getPort()).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
    Delivery d = send(s, down("Postgres", null));
    assertThat(d).as(d.toString()).isInstanceOf(Delivery.Rejected.class);
    assertThat(d.summary()).contains("not trusted");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aMissingCaFileIsRejected(@TempDir Path dir) {
    EmailSettings s = EmailSettings.of("localhost", Security.SMTPS, "alerts@example.com", List.of("ops@example.com"))
        .withPort(greenMail.getSmtps().getPort()).withCaFile(dir.resolve("nope.pem"));
    Delivery d = send(s, down("Postgres", null));
    assertThat(d).isInstanceOf(Delivery.Rejected.class);
    assertThat(d.summary()).contains("ca-file", "does not exist");
  }

  @Test
  void starttlsUpgradesBeforeSending() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(ca.leaf("localhost").issue().serverContext(), true)) {
      EmailSettings s = EmailSettings.of("localhost", Security.STARTTLS, "alerts@example.com", List.of("ops@example.com"))
          .withPort(server.port()).withCaFile(caPem).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
      Delivery d = send(s, down("Postgres", null));
      assertThat(d).as(d.toString()).isEqualTo(new Delivery.Delivered("250 2.0.0 queued as 42"));
      assertThat(server.received()).hasSize(1);
      assertThat(server.received().get(0).overTls()).isTrue();
      assertThat(server.received().get(0).data()).contains("Subject: DOWN: Postgres (REFUSED)");
    }
  }

  @Test
  void starttlsRefusesAServerWithoutStarttls() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(null, true)) {
      EmailSettings s = EmailSettings.of("localhost", Security.STARTTLS, "alerts@example.com", List.of("ops@example.com"))
          .withPort(server.port()).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3))
          .withLogin("alerts", "s3cret");
      Delivery d = send(s, down("Postgres", null));
      assertThat(d).isInstanceOf(Delivery.Rejected.class);
      assertThat(d.summary()).contains("does not offer STARTTLS");
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void aSilentServerIsRetriedAfterTheReadTimeout() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(null, false)) {
      EmailSettings s = plain(server.port()).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500));
      long start = System.nanoTime();
      Delivery d = send(s, down("Postgres", null));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(d).isInstanceOf(Delivery.Retry.class);
      assertThat(d.summary()).startsWith("timeout");
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void aTricklingServerIsCutOffAtTheDeadline() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.trickling()) {
      EmailSettings s = plain(server.port()).withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500));
      EmailChannel channel = new EmailChannel(s, CLOCK);
      assertThat(channel.deadline()).isEqualTo(Duration.ofMillis(1500));
      long start = System.nanoTime();
      Delivery d = channel.send(down("Postgres", null));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(d).isEqualTo(new Delivery.Retry(
          "timeout: 127.0.0.1:" + server.port() + " did not finish within 1500 ms", null));
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1400)).isLessThan(Duration.ofMillis(2500));
      assertThat(server.hungUpWithin(Duration.ofSeconds(2))).as("the connection is closed").isTrue();
    }
  }

  @Test
  void aRefusedPortIsRetried() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Delivery d = send(plain(port), down("Postgres", null));
    assertThat(d).isInstanceOf(Delivery.Retry.class);
    assertThat(d.summary()).startsWith("cannot connect to 127.0.0.1:" + port);
    assertThat(((Delivery.Retry) d).retryAfter()).isNull();
  }

  @Test
  void aPermanentRecipientRefusalIsRejectedWithTheReply() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(null, true)
        .reply("RCPT", "550 5.1.1 mailbox unavailable")) {
      Delivery d = send(plain(server.port()), down("Postgres", null));
      assertThat(d).isInstanceOf(Delivery.Rejected.class);
      assertThat(d.summary()).contains("550 5.1.1 mailbox unavailable");
    }
  }

  @Test
  void aTemporaryRefusalAtTheEndOfDataIsRetried() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(null, true)
        .reply(".", "451 4.3.0 try again later")) {
      Delivery d = send(plain(server.port()), down("Postgres", null));
      assertThat(d).isEqualTo(new Delivery.Retry("451 4.3.0 try again later", null));
    }
  }

  @Test
  void aTemporaryRecipientRefusalIsRetried() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(null, true)
        .reply("RCPT", "450 4.2.1 mailbox busy")) {
      Delivery d = send(plain(server.port()), down("Postgres", null));
      assertThat(d).isInstanceOf(Delivery.Retry.class);
      assertThat(d.summary()).contains("450 4.2.1 mailbox busy");
    }
  }

  @Test
  void aPermanentSenderRefusalIsRejected() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(null, true)
        .reply("MAIL", "554 5.7.1 relay access denied")) {
      Delivery d = send(plain(server.port()), down("Postgres", null));
      assertThat(d).isEqualTo(new Delivery.Rejected("554 5.7.1 relay access denied"));
    }
  }

  @Test
  void aServerThatRefusesTheSessionIsRetriedOn421() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(null, true)
        .reply("EHLO", "421 4.3.2 too busy").reply("HELO", "421 4.3.2 too busy")) {
      Delivery d = send(plain(server.port()), down("Postgres", null));
      assertThat(d).as(d.toString()).isInstanceOf(Delivery.Retry.class);
      assertThat(d.summary()).contains("421");
    }
  }

  @Test
  void severalRecipientsAllGetOneMessage() throws Exception {
    EmailSettings s = EmailSettings.of("127.0.0.1", Security.NONE, "alerts@example.com",
        List.of("ops@example.com", "Dev Team <dev@example.com>")).withPort(greenMail.getSmtp().getPort());
    assertThat(send(s, down("Postgres", null))).isInstanceOf(Delivery.Delivered.class);
    MimeMessage[] got = greenMail.getReceivedMessages();
    assertThat(got).hasSize(2);
    assertThat(Arrays.stream(got[0].getAllRecipients()).map(Object::toString))
        .containsExactly("ops@example.com", "Dev Team <dev@example.com>");
  }

  @Test
  void oneRefusedRecipientDoesNotStopTheOthers() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(null, true)
        .refuse("gone@example.com", "550 5.1.1 gone@example.com: no such user")) {
      EmailSettings s = EmailSettings.of("127.0.0.1", Security.NONE, "alerts@example.com",
          List.of("ops@example.com", "gone@example.com")).withPort(server.port());
      Delivery d = send(s, down("Postgres", null));
      assertThat(d).as(d.toString()).isInstanceOf(Delivery.Delivered.class);
      assertThat(d.summary()).startsWith("250").contains("not delivered to gone@example.com (550 5.1.1");
      assertThat(server.received()).hasSize(1);
      assertThat(server.received().get(0).recipients()).containsExactly("<ops@example.com>");
    }
  }

  @Test
  void aCertificateForAnotherHostIsRejected() throws Exception {
    try (ScriptedSmtpServer server =
        new ScriptedSmtpServer(ca.leaf("pingbase-test-a").issue().serverContext(), true)) {
      EmailSettings s = EmailSettings.of("localhost", Security.STARTTLS, "alerts@example.com", List.of("ops@example.com"))
          .withPort(server.port()).withCaFile(caPem).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
      Delivery d = send(s, down("Postgres", null));
      assertThat(d).as(d.toString()).isInstanceOf(Delivery.Rejected.class);
      assertThat(d.summary()).contains("not trusted", "matching localhost");
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void theTypeIsEmail() {
    assertThat(new EmailChannel(plain(25), CLOCK).type()).isEqualTo("email");
  }
}
