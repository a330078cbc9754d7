package io.pingbase.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.check.Target.Tls.StartTls;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tls://} URLs for {@code pingbase check}. */
class TargetUrlTlsTest {

  @Test
  void directTlsWithAndWithoutPort() {
    assertThat(TargetUrl.parse("tls://example.com:8443")).isEqualTo(new Target.Tls("example.com", 8443));
    assertThat(TargetUrl.parse("TLS://example.com/")).isEqualTo(new Target.Tls("example.com", 443));
    assertThat(TargetUrl.parse("tls://[::1]")).isEqualTo(new Target.Tls("::1", 443));
    assertThat(TargetUrl.parse("tls://[::1]:993").display()).isEqualTo("tls://[::1]:993");
  }

  @Test
  void starttlsAndOptions() {
    assertThat(TargetUrl.parse("tls://mail.example.com:587?starttls=smtp")).isEqualTo(
        new Target.Tls("mail.example.com", 587, StartTls.SMTP, null, null, Target.Tls.DEFAULT_WARN_DAYS));
    assertThat(TargetUrl.parse("tls://mail.example.com?starttls=imap").display())
        .isEqualTo("tls://mail.example.com:143?starttls=imap");
    assertThat(((Target.Tls) TargetUrl.parse("tls://db?starttls=postgresql")).port()).isEqualTo(5432);
    assertThat(((Target.Tls) TargetUrl.parse("tls://pop?starttls=POP3")).port()).isEqualTo(110);
    assertThat(TargetUrl.parse("tls://10.0.0.5:443?server-name=intranet.example&ca-file=%2Fetc%2Fca.pem&warn-days=7,60"))
        .isEqualTo(new Target.Tls("10.0.0.5", 443, StartTls.NONE, "intranet.example", "/etc/ca.pem", List.of(60, 7)));
  }

  @Test
  void mistakesAreExplained() {
    assertThatThrownBy(() -> TargetUrl.parse("tls://h:443?starttls=ftp"))
        .hasMessage("starttls must be one of smtp, imap, pop3, postgresql, none, was 'ftp' in \"tls://h:443?starttls=ftp\"");
    assertThatThrownBy(() -> TargetUrl.parse("tls://h:443?warn-days=30,x"))
        .hasMessageStartingWith("warn-days must be whole numbers of days such as 30,14,7, was '30,x'");
    assertThatThrownBy(() -> TargetUrl.parse("tls://h:443?warn-days=0"))
        .hasMessage("warn-days must be positive, was 0 in \"tls://h:443?warn-days=0\"");
    assertThatThrownBy(() -> TargetUrl.parse("tls://h:443?ca-file="))
        .hasMessage("parameter 'ca-file' needs a value in \"tls://h:443?ca-file=\"");
    assertThatThrownBy(() -> TargetUrl.parse("tls://h:99999")).hasMessageContaining("port must be 1-65535");
    assertThatThrownBy(() -> TargetUrl.parse("tls://h:443?insecure")).hasMessageContaining("unknown parameter 'insecure'");
  }
}
