package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.check.Target;
import io.pingbase.check.Target.Dns.Expect;
import io.pingbase.check.Target.Dns.Transport;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code type: dns} in pingbase.yml and the API: every key read, written back the same, every mistake named. */
class DnsFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConfigLoader LOADER = new ConfigLoader(Map.<String, String>of()::get, id -> false);

  private static Target target(String yaml) throws ConfigException {
    PingBaseConfig config = LOADER.parse(yaml, "pingbase.yml");
    return config.monitors().getFirst().target();
  }

  private static String monitor(String lines) {
    return "monitors:\n  - name: Mail\n    type: dns\n" + lines.indent(4);
  }

  private static List<String> errors(String lines) {
    return ConfigErrorsTest.errors(monitor(lines));
  }

  @Test
  void readsEveryKey() throws Exception {
    Target t = target(monitor("""
        query: example.com
        record-type: mx
        server: 10.0.0.53:5353
        transport: tcp
        expect:
          rcode: noerror
          answers: ["10 mail.example.com.", 20 backup.example.com]
          contains: [10 mail.example.com.]
          matches: 'example\\.com\\.$'
        """));
    assertThat(t).isEqualTo(new Target.Dns("example.com", "MX", "10.0.0.53", 5353, Transport.TCP,
        new Expect("NOERROR", List.of("10 mail.example.com.", "20 backup.example.com"),
            List.of("10 mail.example.com."), "example\\.com\\.$")));
    assertThat(t.display()).isEqualTo("dns://10.0.0.53:5353/example.com?type=MX&transport=tcp");
  }

  @Test
  void onlyTheQueryIsRequired() throws Exception {
    Target t = target(monitor("query: example.com"));
    assertThat(t).isEqualTo(new Target.Dns("example.com", "A", null, 53, Transport.UDP, Expect.DEFAULT));
    assertThat(t.display()).isEqualTo("dns:///example.com?type=A");
  }

  @Test
  void serverTakesAHostAnIpv6AddressAndAnOptionalPort() throws Exception {
    assertThat(((Target.Dns) target(monitor("query: a.test\nserver: ns1.example.com"))).port()).isEqualTo(53);
    Target.Dns v6 = (Target.Dns) target(monitor("query: a.test\nserver: \"[::1]:5353\""));
    assertThat(v6.server()).isEqualTo("::1");
    assertThat(v6.port()).isEqualTo(5353);
    assertThat(v6.display()).isEqualTo("dns://[::1]:5353/a.test?type=A");
    Target.Dns bare = (Target.Dns) target(monitor("query: a.test\nserver: 2001:db8::53"));
    assertThat(bare.server()).isEqualTo("2001:db8::53");
    assertThat(bare.port()).isEqualTo(53);
  }

  @Test
  void everyMistakeIsReportedWithItsKey() {
    assertThat(errors("""
        query: "bad name"
        record-type: ANY
        server: "http://ns1:53"
        transport: quic
        expect:
          rcode: FINE
          answers: [10.0.0.300, {a: 1}]
          contains: 10.0.0.1
          matches: "("
          exact: []
        """)).containsExactly(
        "pingbase.yml:5:18: monitors[0].record-type: must be one of A, AAAA, CNAME, MX, NS, TXT, SOA, SRV, CAA, PTR, was \"ANY\"",
        "pingbase.yml:6:13: monitors[0].server: must be a host name or address, not a URL, was \"http://ns1:53\"",
        "pingbase.yml:7:16: monitors[0].transport: must be udp or tcp, was \"quic\"",
        "pingbase.yml:9:7: monitors[0].expect.answers[1]: must be an answer as text, e.g. 10.0.0.1 or \"10 mail.example.com.\", was a map",
        "pingbase.yml:9:14: monitors[0].expect.rcode: must be one of NOERROR, FORMERR, SERVFAIL, NXDOMAIN, NOTIMP, REFUSED, YXDOMAIN, YXRRSET, NXRRSET, NOTAUTH, NOTZONE, was \"FINE\"",
        "pingbase.yml:11:17: monitors[0].expect.contains: must be a list of answers such as [\"10.0.0.1\"], was \"10.0.0.1\"",
        "pingbase.yml:12:16: monitors[0].expect.matches: not a valid regular expression: Unclosed group near index 1 of \"(\"",
        "pingbase.yml:13:7: monitors[0].expect.exact: unknown key; expected one of: rcode, answers, contains, matches");
    assertThat(errors("query: \"bad name\"")).singleElement().asString()
        .endsWith("monitors[0].query: must be a domain name without spaces or control characters, was \"bad name\"");
  }

  @Test
  void answersMustFitTheRecordType() {
    assertThat(errors("""
        query: example.com
        record-type: MX
        expect: { contains: [mail.example.com] }
        """)).singleElement().asString()
        .isEqualTo("pingbase.yml:6:13: monitors[0].expect.contains[0]: \"mail.example.com\" is not a valid MX record: "
            + "expected an integer");
    assertThat(errors("query: example.com\nexpect: { answers: [10.0.0.300] }")).singleElement().asString()
        .contains("monitors[0].expect.answers[0]: \"10.0.0.300\" is not a valid A record: ");
  }

  @Test
  void queryAndServerMistakes() {
    assertThat(errors("record-type: A")).containsExactly("pingbase.yml:2:5: monitors[0].query: required key is missing");
    assertThat(errors("query: \"a b\"")).singleElement().asString()
        .endsWith("monitors[0].query: must be a domain name without spaces or control characters, was \"a b\"");
    assertThat(errors("query: a.test\nserver: ns1:99999")).singleElement().asString()
        .endsWith("monitors[0].server: port must be an integer 1-65535, was \"99999\"");
    assertThat(errors("query: a.test\nhost: ns1")).singleElement().asString()
        .endsWith("monitors[0].host: not a key of type dns (it belongs to type tcp, tls)");
  }

  @Test
  void whatIsWrittenReadsBackTheSame() throws Exception {
    for (String lines : List.of(
        "query: example.com",
        "query: example.com\nrecord-type: TXT\nserver: \"[::1]:5353\"\nexpect: { answers: [] }",
        "query: 127.0.0.1\nrecord-type: PTR\nserver: localhost\ntransport: tcp\nexpect: { rcode: NXDOMAIN }",
        "query: example.com\nexpect: { contains: [10.0.0.1], matches: '^10\\.' }")) {
      Monitor monitor = LOADER.parse(monitor(lines), "pingbase.yml").monitors().getFirst();
      Map<String, Object> written = MonitorWriter.toMap(monitor);
      String json = JSON.writeValueAsString(written);
      Monitor back = MonitorReader.read(ConfigNode.fromJson(JSON.readTree(json)), MonitorDefaults.DEFAULT,
          MonitorSource.FILE);
      assertThat(back).as(json).isEqualTo(monitor);
    }
  }

  @Test
  void theWriterSpellsOutEveryValue() throws Exception {
    Monitor monitor = LOADER.parse(monitor("query: example.com\nserver: 127.0.0.1"), "pingbase.yml").monitors().getFirst();
    assertThat(JSON.writeValueAsString(MonitorWriter.toMap(monitor))).contains(
        "\"type\":\"dns\",\"query\":\"example.com\",\"record-type\":\"A\",\"server\":\"127.0.0.1:53\","
            + "\"transport\":\"udp\",\"expect\":{\"rcode\":\"NOERROR\"}");
  }

  @Test
  void theDocumentedExampleIsValid() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/CONFIGURATION.md"));
    int section = doc.indexOf("Keys of type `dns`");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    PingBaseConfig config = LOADER.parse(doc.substring(start, doc.indexOf("```", start)), "CONFIGURATION.md");
    assertThat(config.monitors()).extracting(m -> m.target().display()).containsExactly(
        "dns://10.0.0.53:53/example.com?type=MX", "dns:///www.example.com?type=A",
        "dns://10.0.0.53:53/legacy.example.com?type=A&transport=tcp");
  }
}
