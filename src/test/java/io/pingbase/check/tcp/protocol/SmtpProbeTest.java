package io.pingbase.check.tcp.protocol;

import static io.pingbase.check.tcp.protocol.ProtocolCheckTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.SystemResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smtp probe against GreenMail, and STARTTLS against a small real SMTP server with TLS. */
class SmtpProbeTest {
  static GreenMail greenMail;
  static StartTlsSmtpServer startTls;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ProtocolCheckTest.resolver = new SystemResolver(2);
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    greenMail.start();
    startTls = new StartTlsSmtpServer(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    greenMail.stop();
    startTls.close();
    ProtocolCheckTest.resolver.close();
  }

  private static int greenMailPort() {
    return greenMail.getSmtp().getPort();
  }

  @Test
  void greenMailGreetsAndAnswersEhlo() {
    CheckResult r = check("smtp", greenMailPort(), Duration.ofSeconds(3));
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat((String) r.details().get("banner")).contains("GreenMail");
    assertThat(r.details()).containsKey("extensions").doesNotContainKey("starttls");
    assertThat(r.phases().tlsMicros()).isEqualTo(Phases.ABSENT);
  }

  @Test
  void starttlsCompletesAHandshakeAndSaysSo() {
    CheckResult r = check(new ProtocolSpec("smtp", true, List.of()), startTls.port(), Duration.ofSeconds(5));
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.details()).containsEntry("banner", "localhost ESMTP test").containsEntry("starttls", true);
    assertThat(r.details().get("extensions")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).contains("STARTTLS", "SIZE");
    assertThat((String) r.details().get("tls_version")).startsWith("TLSv1.");
    assertThat(r.phases().tlsMicros()).isPositive();
  }

  @Test
  void starttlsAtAServerWithoutItIsProtocol() {
    CheckResult r = check(new ProtocolSpec("smtp", true, List.of()), greenMailPort(), Duration.ofSeconds(3));
    assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.PROTOCOL);
    assertThat(r.message()).startsWith("expected STARTTLS among the EHLO extensions, got [");
  }

  @Test
  void sendExpectCanUpgradeToTls() {
    ProtocolSpec spec = new ProtocolSpec("send-expect", false, List.of(
        new ProtocolSpec.Step(null, null, "^220 ", false),
        new ProtocolSpec.Step("EHLO probe\r\n", null, "STARTTLS", false),
        new ProtocolSpec.Step("STARTTLS\r\n", null, "(?m)^220 .*\r\n", false),
        new ProtocolSpec.Step(null, null, null, true),
        new ProtocolSpec.Step("EHLO probe\r\n", null, "(?m)^250 .*\r\n", false),
        new ProtocolSpec.Step("QUIT\r\n", null, "^221", false)));
    CheckResult r = check(spec, startTls.port(), Duration.ofSeconds(5));
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.details()).containsEntry("steps", 6L).containsEntry("banner", "220");
    assertThat((String) r.details().get("tls_version")).startsWith("TLSv1.");
    assertThat(r.phases().tlsMicros()).isPositive();
  }

  @Test
  void aGreetingOtherThan220IsProtocol() throws Exception {
    try (ScriptedServer busy = new ScriptedServer(c -> ProtocolCheckTest.greet(c, "554 5.3.2 no service here\r\n"))) {
      CheckResult r = check("smtp", busy.port(), Duration.ofSeconds(2));
      assertThat(r.reason()).isEqualTo(FailureReason.PROTOCOL);
      assertThat(r.message()).isEqualTo("expected the SMTP 220 greeting, got \"554 5.3.2 no service here\"");
    }
  }

  @Test
  void sendExpectTalksImapToGreenMail() {
    ProtocolSpec spec = new ProtocolSpec("send-expect", false, List.of(
        new ProtocolSpec.Step(null, null, "^\\* OK", false),
        new ProtocolSpec.Step("a1 CAPABILITY\r\n", null, "(?m)^a1 OK", false),
        new ProtocolSpec.Step("a2 LOGOUT\r\n", null, "(?m)^a2 OK", false)));
    CheckResult r = check(spec, greenMail.getImap().getPort(), Duration.ofSeconds(3));
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.details()).containsEntry("steps", 3L).containsEntry("banner", "* OK");
  }
}
