package io.pingbase.check.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.check.Target;
import io.pingbase.check.Target.Dns.Expect;
import io.pingbase.check.Target.Dns.Transport;
import io.pingbase.check.TargetUrl;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsUrlTest {

  @Test
  void readsServerPortNameAndParameters() {
    assertThat(TargetUrl.parse("dns://10.0.0.53:5353/example.com?type=mx&transport=TCP&rcode=noerror"
        + "&contains=10+mail.example.com.&contains=20%20b.example.com.&matches=%5E10"))
        .isEqualTo(new Target.Dns("example.com", "MX", "10.0.0.53", 5353, Transport.TCP,
            new Expect("NOERROR", null, List.of("10 mail.example.com.", "20 b.example.com."), "^10")));
  }

  @Test
  void defaultsAndTheSystemResolver() {
    Target t = TargetUrl.parse("DNS:///example.com");
    assertThat(t).isEqualTo(new Target.Dns("example.com", "A", null, 53, Transport.UDP, Expect.DEFAULT));
    assertThat(TargetUrl.parse(t.display())).isEqualTo(t);
    Target v6 = TargetUrl.parse("dns://[::1]/example.com?type=AAAA");
    assertThat(v6).isEqualTo(new Target.Dns("example.com", "AAAA", "::1", 53, Transport.UDP, Expect.DEFAULT));
    assertThat(TargetUrl.parse("dns://[::1]:5353/x.test?type=TXT&transport=tcp").display())
        .isEqualTo("dns://[::1]:5353/x.test?type=TXT&transport=tcp");
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> TargetUrl.parse("dns://10.0.0.53")).hasMessageStartingWith("missing name in");
    assertThatThrownBy(() -> TargetUrl.parse("dns://10.0.0.53/")).hasMessageStartingWith("missing name in");
    assertThatThrownBy(() -> TargetUrl.parse("dns://10.0.0.53:0/a.test")).hasMessage(
        "port must be 1-65535, was '0' in \"dns://10.0.0.53:0/a.test\"");
    assertThatThrownBy(() -> TargetUrl.parse("dns://::1/a.test")).hasMessageStartingWith("IPv6 addresses need brackets");
    assertThatThrownBy(() -> TargetUrl.parse("dns:///a.test?typ=A")).hasMessage(
        "unknown parameter 'typ' in \"dns:///a.test?typ=A\"; expected type, transport, rcode, contains or matches");
    assertThatThrownBy(() -> TargetUrl.parse("dns:///a.test?transport=quic")).hasMessage(
        "transport must be udp or tcp, was 'quic'");
    assertThatThrownBy(() -> TargetUrl.parse("dns:///a.test?rcode=OK")).hasMessageStartingWith("rcode must be one of");
    assertThatThrownBy(() -> TargetUrl.parse("dns:///a.test?contains=300.1.1.1")).hasMessageStartingWith(
        "expected answer \"300.1.1.1\" is not a valid A record");
    assertThatThrownBy(() -> TargetUrl.parse("dns:///a.test?matches=(")).hasMessageStartingWith(
        "not a valid regular expression");
  }
}
