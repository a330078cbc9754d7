package io.pingbase.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.check.tcp.protocol.ProtocolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Protocol schemes of {@code pingbase check URL}: TCP speaking that protocol, on its usual port by default. */
class TargetUrlProtocolTest {

  @ParameterizedTest
  @CsvSource({
      "redis://cache, redis, cache, 6379, redis://cache:6379",
      "redis://cache:6380/, redis, cache, 6380, redis://cache:6380",
      "postgresql://db, postgresql, db, 5432, postgresql://db:5432",
      "postgres://db:6432, postgresql, db, 6432, postgresql://db:6432",
      "mysql://db, mysql, db, 3306, mysql://db:3306",
      "mariadb://db, mysql, db, 3306, mysql://db:3306",
      "smtp://mx, smtp, mx, 25, smtp://mx:25",
      "amqp://mq, amqp, mq, 5672, amqp://mq:5672",
      "mqtt://mq, mqtt, mq, 1883, mqtt://mq:1883",
      "nats://[::1], nats, ::1, 4222, nats://[::1]:4222",
      "SSH://bastion:2222, ssh, bastion, 2222, ssh://bastion:2222",
  })
  void schemesMapToTcpWithAProtocol(String url, String protocol, String host, int port, String display) {
    Target target = TargetUrl.parse(url);
    assertThat(target).isEqualTo(new Target.Tcp(host, port, ProtocolSpec.of(protocol)));
    assertThat(target.display()).isEqualTo(display);
    assertThat(TargetUrl.parse(display)).as("display reads back").isEqualTo(target);
  }

  @Test
  void smtpTakesStarttls() {
    Target target = TargetUrl.parse("smtp://mx:587?starttls=true");
    assertThat(target).isEqualTo(new Target.Tcp("mx", 587, new ProtocolSpec("smtp", true, List.of())));
    assertThat(target.display()).isEqualTo("smtp://mx:587?starttls=true");
    assertThat(TargetUrl.parse("smtp://mx?starttls")).isEqualTo(new Target.Tcp("mx", 25, new ProtocolSpec("smtp", true, List.of())));
  }

  @Test
  void tcpStaysAPlainConnect() {
    assertThat(TargetUrl.parse("tcp://db:6379")).isEqualTo(new Target.Tcp("db", 6379));
    assertThat(TargetUrl.parse("db:6379")).isEqualTo(new Target.Tcp("db", 6379, null));
    assertThatThrownBy(() -> TargetUrl.parse("tcp://db")).hasMessageContaining("missing port");
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> TargetUrl.parse("redis://cache?starttls=true"))
        .hasMessage("unsupported query '?starttls=true' in \"redis://cache?starttls=true\"; redis takes none");
    assertThatThrownBy(() -> TargetUrl.parse("smtp://mx?tls=1"))
        .hasMessage("unsupported query '?tls=1' in \"smtp://mx?tls=1\"; smtp takes ?starttls=true");
    assertThatThrownBy(() -> TargetUrl.parse("redis://::1")).hasMessageContaining("IPv6 addresses need brackets");
    assertThatThrownBy(() -> TargetUrl.parse("redis://cache:0")).hasMessageContaining("port must be 1-65535");
    assertThatThrownBy(() -> TargetUrl.parse("redis://")).hasMessageContaining("missing");
    assertThatThrownBy(() -> TargetUrl.parse("gopher://x:70"))
        .hasMessageContaining("unsupported scheme 'gopher'").hasMessageContaining("redis, postgresql, mysql");
  }

  @Test
  void sendExpectDisplaysAsTcpWithItsName() {
    Target target = new Target.Tcp("cache", 11211, new ProtocolSpec("send-expect", false,
        List.of(new ProtocolSpec.Step("version\r\n", null, "^VERSION", false))));
    assertThat(target.display()).isEqualTo("tcp://cache:11211 (send-expect)");
  }
}
