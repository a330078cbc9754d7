package io.pingbase.check.tcp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.SystemResolver;
import io.pingbase.check.tcp.TcpCheck;
import io.pingbase.testing.Services;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each protocol against the machine's real services, and against servers that misbehave. */
class ProtocolCheckTest {
  static SystemResolver resolver;

  @BeforeAll
  static void setUp() {
    resolver = new SystemResolver(2);
  }

  @AfterAll
  static void tearDown() {
    resolver.close();
  }

  static CheckResult check(String protocol, int port, Duration timeout) {
    return check(ProtocolSpec.of(protocol), port, timeout);
  }

  static CheckResult check(ProtocolSpec spec, int port, Duration timeout) {
    return new TcpCheck("127.0.0.1", port, spec, resolver).run(timeout);
  }

  private static CheckResult up(String protocol, Services service) {
    service.require();
    CheckResult r = check(protocol, service.port(), Duration.ofSeconds(3));
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.phases().connectMicros()).isPositive();
    assertThat(r.responseMicros()).as("connect plus the exchange").isGreaterThan(r.phases().connectMicros());
    assertThat(r.address()).isEqualTo("127.0.0.1:" + service.port());
    return r;
  }

  @Test
  void redisAnswersPong() {
    CheckResult r = up("redis", Services.REDIS);
    assertThat(r.details()).containsKey("reply");
    if (r.details().get("reply").equals("+PONG")) {
      assertThat((String) r.details().get("version")).matches("\\d+\\.\\d+.*");
    } else {
      assertThat(r.details()).containsEntry("auth_required", true);
    }
    assertThat(r.phases().firstByteMicros()).isPositive();
    assertThat(r.phases().transferMicros()).isNotNegative();
    assertThat(r.phases().tlsMicros()).isEqualTo(Phases.ABSENT);
  }

  @Test
  void postgresqlAnswersTheSslRequest() {
    CheckResult r = up("postgresql", Services.POSTGRESQL);
    assertThat(r.details().get("ssl")).isInstanceOf(Boolean.class);
  }

  @Test
  void mariadbGreetsWithItsVersion() {
    CheckResult r = up("mysql", Services.MARIADB);
    if (r.warning() == null) {
      assertThat(r.details()).containsEntry("protocol_version", 10L);
      assertThat((String) r.details().get("version")).matches("\\d+\\.\\d+\\.\\d+.*");
    } else { // the server refuses clients from here: still MySQL, DEGRADED
      assertThat(r.details()).containsKey("error_code");
    }
  }

  @Test
  void rabbitmqStartsTheConnection() {
    CheckResult r = up("amqp", Services.RABBITMQ);
    assertThat(r.details()).containsEntry("protocol", "0-9-1").containsEntry("product", "RabbitMQ");
    assertThat((String) r.details().get("version")).matches("\\d+\\.\\d+.*");
  }

  @Test
  void mosquittoAcknowledgesTheConnect() {
    CheckResult r = up("mqtt", Services.MOSQUITTO);
    assertThat((Long) r.details().get("return_code")).isBetween(0L, 5L);
    assertThat(r.details()).containsKey("return_text");
  }

  @Test
  void natsSendsItsInfo() {
    CheckResult r = up("nats", Services.NATS);
    assertThat((String) r.details().get("version")).matches("\\d+\\.\\d+.*");
    assertThat(r.details()).containsKey("server_name");
  }

  // --- each protocol pointed at a service of another protocol: DOWN PROTOCOL, with what came back

  @Test
  void redisAtThePostgresqlPortIsProtocol() {
    Services.POSTGRESQL.require();
    assertProtocol(check("redis", Services.POSTGRESQL.port(), Duration.ofSeconds(3)), "+PONG");
  }

  @Test
  void postgresqlAtTheNatsPortIsProtocol() {
    Services.NATS.require();
    CheckResult r = check("postgresql", Services.NATS.port(), Duration.ofSeconds(3));
    assertProtocol(r, "expected S or N in answer to an SSLRequest, got \"I\"");
  }

  @Test
  void mysqlAtTheNatsPortIsProtocol() {
    Services.NATS.require();
    assertProtocol(check("mysql", Services.NATS.port(), Duration.ofSeconds(3)), "expected the MySQL greeting packet, got \"INFO\"");
  }

  @Test
  void smtpAtTheNatsPortIsProtocol() {
    Services.NATS.require();
    assertProtocol(check("smtp", Services.NATS.port(), Duration.ofSeconds(3)), "expected the SMTP 220 greeting, got \"INFO {");
  }

  @Test
  void amqpAtTheMariadbPortIsProtocol() {
    Services.MARIADB.require();
    assertProtocol(check("amqp", Services.MARIADB.port(), Duration.ofSeconds(3)), "expected an AMQP Connection.Start frame, got 0x");
  }

  @Test
  void mqttAtTheMariadbPortIsProtocol() {
    Services.MARIADB.require();
    assertProtocol(check("mqtt", Services.MARIADB.port(), Duration.ofSeconds(3)), "expected an MQTT CONNACK, got 0x");
  }

  @Test
  void natsAtAnSmtpServerIsProtocol() throws Exception {
    // The machine's other services wait for their client to speak first, as NATS's client does.
    try (ScriptedServer smtp = new ScriptedServer(c -> greet(c, "220 mail.example ESMTP\r\n"))) {
      assertProtocol(check("nats", smtp.port(), Duration.ofSeconds(3)),
          "expected the NATS INFO line, got \"220 mail.example ESMTP\"");
    }
  }

  @Test
  void natsAtTheRedisPortTimesOutNamingTheStep() {
    Services.REDIS.require();
    CheckResult r = check("nats", Services.REDIS.port(), Duration.ofMillis(300));
    assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(r.message()).isEqualTo("no answer within 300 ms while waiting for the NATS INFO line (nats)");
  }

  @Test
  void sshAtTheNatsPortIsProtocol() {
    Services.NATS.require();
    assertProtocol(check("ssh", Services.NATS.port(), Duration.ofSeconds(3)), "SSH-2.0- banner");
  }

  @Test
  void sendExpectAtThePostgresqlPortIsProtocol() {
    Services.POSTGRESQL.require();
    ProtocolSpec spec = new ProtocolSpec("send-expect", false,
        java.util.List.of(new ProtocolSpec.Step("PING\r\n", null, "^\\+PONG", false)));
    assertProtocol(check(spec, Services.POSTGRESQL.port(), Duration.ofSeconds(3)), "/^\\+PONG/ (step 1)");
  }

  @Test
  void sendExpectAnsweredWithoutAMatchIsProtocolWithWhatCame() {
    Services.NATS.require();
    ProtocolSpec spec = new ProtocolSpec("send-expect", false,
        java.util.List.of(new ProtocolSpec.Step(null, null, "^SSH-2\\.0-", false)));
    CheckResult r = check(spec, Services.NATS.port(), Duration.ofMillis(400));
    assertProtocol(r, "expected match for /^SSH-2\\.0-/ (step 1), got \"INFO {");
    assertThat(r.message()).endsWith("and no match within 400 ms");
  }

  @Test
  void sendExpectTalksToRedis() {
    Services.REDIS.require();
    ProtocolSpec spec = new ProtocolSpec("send-expect", false, java.util.List.of(
        new ProtocolSpec.Step("PING\r\n", null, "^(\\+PONG|-NOAUTH)", false),
        new ProtocolSpec.Step(null, "45 43 48 4f 20 68 69 0d 0a".replace(" ", ""), "hi|-NOAUTH", false)));
    CheckResult r = check(spec, Services.REDIS.port(), Duration.ofSeconds(3));
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.details()).containsEntry("steps", 2L).containsKey("matched");
  }

  private static void assertProtocol(CheckResult r, String messagePart) {
    assertThat(r.up()).as(r.toString()).isFalse();
    assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.PROTOCOL);
    assertThat(r.message()).contains(messagePart);
    assertThat(r.phases().connectMicros()).isPositive();
  }

  // --- misbehaving servers

  @ParameterizedTest
  @ValueSource(strings = {"redis", "postgresql", "mysql", "smtp", "amqp", "mqtt", "nats", "ssh"})
  void aSilentServerTimesOutWithinTheDeadlineNamingTheStep(String protocol) throws Exception {
    try (ScriptedServer silent = new ScriptedServer(c -> Thread.sleep(5000))) {
      long start = System.nanoTime();
      CheckResult r = check(protocol, silent.port(), Duration.ofMillis(300));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.TIMEOUT);
      assertThat(r.message()).startsWith("no answer within 300 ms while waiting for ").endsWith("(" + protocol + ")");
      assertThat(tookMillis).isBetween(290L, 1000L);
      assertThat(r.responseMicros()).isGreaterThanOrEqualTo(290_000);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis", "postgresql", "mysql", "smtp", "amqp", "mqtt", "nats", "ssh"})
  void aServerClosingAtOnceIsProtocol(String protocol) throws Exception {
    try (ScriptedServer closing = new ScriptedServer(c -> {})) {
      CheckResult r = check(protocol, closing.port(), Duration.ofSeconds(2));
      assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.PROTOCOL);
      assertThat(r.message()).startsWith("expected ").containsAnyOf("closed the connection", "connection failed");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis", "smtp", "nats", "ssh"})
  void aFloodingServerIsCutOffAfterAFewKilobytes(String protocol) throws Exception {
    byte[] chunk = "x".repeat(4096).getBytes(StandardCharsets.US_ASCII);
    try (ScriptedServer flood = new ScriptedServer(c -> {
      OutputStream out = c.getOutputStream();
      for (int i = 0; i < 100_000; i++) { // 400 MB unless the check stops reading
        out.write(chunk);
      }
    })) {
      long start = System.nanoTime();
      CheckResult r = check(protocol, flood.port(), Duration.ofSeconds(5));
      assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.PROTOCOL);
      assertThat(r.message()).contains("longer than 8192 bytes").contains("\"xxxx");
      assertThat(r.message().length()).isLessThan(300);
      assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(2).toNanos());
    }
  }

  @Test
  void aBinaryFloodIsShownAsHex() throws Exception {
    try (ScriptedServer flood = new ScriptedServer(c -> {
      OutputStream out = c.getOutputStream();
      byte[] zeros = new byte[4096];
      zeros[0] = 0x52;
      for (int i = 0; i < 1000; i++) {
        out.write(zeros);
      }
    })) {
      CheckResult r = check("ssh", flood.port(), Duration.ofSeconds(3));
      assertThat(r.reason()).isEqualTo(FailureReason.PROTOCOL);
      assertThat(r.message()).startsWith("expected the SSH-2.0- banner, got a line longer than 8192 bytes: 0x52 0x00");
    }
  }

  @Test
  void aTricklingServerTimesOutAtTheDeadlineWithWhatItSent() throws Exception {
    try (ScriptedServer trickle = new ScriptedServer(c -> {
      OutputStream out = c.getOutputStream();
      for (int i = 0; i < 100; i++) {
        out.write('S');
        out.flush();
        Thread.sleep(50);
      }
    })) {
      long start = System.nanoTime();
      CheckResult r = check("ssh", trickle.port(), Duration.ofMillis(400));
      assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.TIMEOUT);
      assertThat(r.message()).startsWith("no answer within 400 ms while waiting for the SSH-2.0- banner (ssh); got \"SSS");
      assertThat(System.nanoTime() - start).isLessThan(Duration.ofMillis(1000).toNanos());
    }
  }

  @Test
  void aRedisAskingForAPasswordIsUp() throws Exception {
    try (ScriptedServer redis = new ScriptedServer(c -> {
      c.getInputStream().read(new byte[64]);
      greet(c, "-NOAUTH Authentication required.\r\n");
    })) {
      CheckResult r = check("redis", redis.port(), Duration.ofSeconds(2));
      assertThat(r.up()).as(r.toString()).isTrue();
      assertThat(r.details()).containsEntry("auth_required", true)
          .containsEntry("reply", "-NOAUTH Authentication required.");
    }
  }

  @Test
  void anUnknownCommandErrorIsNotRedis() throws Exception {
    try (ScriptedServer other = new ScriptedServer(c -> {
      c.getInputStream().read(new byte[64]);
      greet(c, "-ERR unknown command\r\n");
    })) {
      CheckResult r = check("redis", other.port(), Duration.ofSeconds(2));
      assertProtocol(r, "expected +PONG, got \"-ERR unknown command\"");
    }
  }

  @Test
  void aMysqlRefusingClientsIsDegraded() throws Exception {
    byte[] text = "Too many connections".getBytes(StandardCharsets.US_ASCII);
    byte[] packet = new byte[4 + 3 + text.length];
    packet[0] = (byte) (3 + text.length);
    packet[4] = (byte) 0xff;
    packet[5] = 0x10; // 1040
    packet[6] = 0x04;
    System.arraycopy(text, 0, packet, 7, text.length);
    try (ScriptedServer mysql = new ScriptedServer(c -> c.getOutputStream().write(packet))) {
      CheckResult r = check("mysql", mysql.port(), Duration.ofSeconds(2));
      assertThat(r.up()).isTrue();
      assertThat(r.warning()).isEqualTo("MySQL refuses clients: 1040 Too many connections");
      assertThat(r.details()).containsEntry("error_code", 1040L);
    }
  }

  @Test
  void anAmqp10BrokerNamesTheVersionItOffers() throws Exception {
    try (ScriptedServer amqp = new ScriptedServer(c -> {
      c.getInputStream().read(new byte[8]);
      c.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0});
    })) {
      assertProtocol(check("amqp", amqp.port(), Duration.ofSeconds(2)), "the server offers protocol header 0-1-0-0");
    }
  }

  static void greet(java.net.Socket c, String text) throws java.io.IOException {
    c.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    c.getOutputStream().flush();
    try {
      Thread.sleep(200); // let the check read before the close
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
