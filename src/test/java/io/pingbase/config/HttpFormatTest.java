package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.check.Target;
import io.pingbase.check.http.HttpAuth;
import io.pingbase.check.http.HttpExpect;
import io.pingbase.check.http.StatusCodes;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: http} in pingbase.yml and the API: every key, defaults, the round trip, and every error. */
class HttpFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConfigLoader LOADER = new ConfigLoader(Map.of("TOKEN", "s3cr3t")::get, id -> false);

  @TempDir
  static Path dir;

  private static Monitor one(String yaml) throws Exception {
    return LOADER.parse("monitors:\n" + yaml.indent(2), "pingbase.yml").monitors().get(0);
  }

  @Test
  void aUrlAloneGetsEveryDefault() throws Exception {
    Monitor m = one("""
        - name: Web
          type: http
          url: https://example.com/health
        """);
    assertThat(m.target()).isEqualTo(Target.Http.get("https://example.com/health"));
    assertThat(m.target().host()).isEqualTo("example.com");
    Map<String, Object> written = MonitorWriter.toMap(m);
    assertThat(written).containsEntry("method", "GET").containsEntry("accepted-status", List.of("200-399"))
        .containsEntry("max-redirects", 10).containsEntry("max-body", "1MiB").containsEntry("tls-verify", true)
        .doesNotContainKeys("headers", "body", "basic-auth", "bearer-token", "ca-file", "expect");
  }

  @Test
  void everyKeyIsReadAndWrittenBackTheSame() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    Monitor m = one("""
        - name: API
          type: http
          url: "https://[::1]:8443/v1/health?deep=1"
          method: POST
          headers: { Content-Type: application/json, X-Trace: "on" }
          body: '{"probe": true}'
          bearer-token: ${TOKEN}
          accepted-status: ["200-299", 304]
          max-redirects: 0
          max-body: 512KiB
          ca-file: %s
          expect:
            body-contains: ok
            body-not-contains: [error, fail]
            body-matches: ['"version":\\s*"\\d+']
            json:
              - { path: $.status, equals: UP }
              - { path: "$.checks[0]['name']", exists: false }
            headers: { Content-Type: ^application/json }
        """.formatted(ca));
    Target.Http http = (Target.Http) m.target();
    assertThat(http).isEqualTo(new Target.Http("https://[::1]:8443/v1/health?deep=1", "POST",
        Map.of("Content-Type", "application/json", "X-Trace", "on"), "{\"probe\": true}", new HttpAuth.Bearer("s3cr3t"),
        new StatusCodes(List.of(new StatusCodes.Range(200, 299), new StatusCodes.Range(304, 304))), 0, 512 * 1024,
        true, ca.toString(), new HttpExpect(List.of("ok"), List.of("error", "fail"), List.of("\"version\":\\s*\"\\d+"),
        List.of(new HttpExpect.Json("$.status", "UP", null), new HttpExpect.Json("$.checks[0]['name']", null, false)),
        Map.of("Content-Type", "^application/json"))));
    assertThat(http.host()).isEqualTo("::1");

    // What the API answers and storage keeps reads back to the same monitor.
    String json = JSON.writeValueAsString(MonitorWriter.toMap(m));
    Monitor again = MonitorReader.read(ConfigNode.fromJson(JSON.readTree(json)), MonitorDefaults.DEFAULT, MonitorSource.API);
    assertThat(again.target()).isEqualTo(m.target());
    assertThat(JSON.writeValueAsString(MonitorWriter.toMap(again))).isEqualTo(json);
  }

  @Test
  void basicAuthAndSizesRoundTrip() throws Exception {
    Monitor m = one("""
        - name: Basic
          type: http
          url: http://localhost:8080/
          basic-auth: { username: alice, password: "" }
          max-body: 1000
          tls-verify: false
        """);
    Target.Http http = (Target.Http) m.target();
    assertThat(http.auth()).isEqualTo(new HttpAuth.Basic("alice", ""));
    assertThat(http.maxBody()).isEqualTo(1000);
    assertThat(http.tlsVerify()).isFalse();
    Map<String, Object> written = MonitorWriter.toMap(m);
    assertThat(written).containsEntry("basic-auth", Map.of("username", "alice", "password", ""))
        .containsEntry("max-body", 1000).containsEntry("tls-verify", false);
    assertThat(http.auth().toString()).doesNotContain("password=\"\"").contains("***");
  }

  @Test
  void everyMistakeIsReportedWithItsKey() {
    List<String> errors = ConfigErrorsTest.errors(LOADER, """
        monitors:
          - name: Bad
            type: http
            url: "ftp://example.com/"
            method: get
            headers: { "Bad Name": x, Content-Length: "5", X-Ok: [1] }
            basic-auth: { username: "a:b" }
            bearer-token: tok
            accepted-status: ["2xx", 600]
            max-redirects: 51
            max-body: 65MiB
            tls-verify: maybe
            ca-file: /nonexistent/ca.pem
            expect:
              body-contain: x
              body-matches: "(unclosed"
              json:
                - { path: status, equals: UP }
                - { path: $.a }
                - { path: $.b, equals: x, exists: true }
                - { path: $.c, exists: perhaps }
              headers: { Content-Type: "[" }
          - name: No URL
            type: http
            host: example.com
        """);
    assertThat(errors).containsExactly(
        "pingbase.yml:4:10: monitors[0].url: url must start with http:// or https://, was \"ftp://example.com/\"",
        "pingbase.yml:5:13: monitors[0].method: must be an upper-case method such as GET, HEAD or POST, was \"get\"",
        "pingbase.yml:6:28: monitors[0].headers.Bad Name: is not a valid header name (letters, digits and !#$%&'*+.^_`|~-)",
        "pingbase.yml:6:47: monitors[0].headers.Content-Length: is set by PingBase (one request per connection, Content-Length from body)",
        "pingbase.yml:6:58: monitors[0].headers.X-Ok: must be text, was a list",
        "pingbase.yml:7:17: monitors[0].basic-auth: give basic-auth or bearer-token, not both",
        "pingbase.yml:9:22: monitors[0].accepted-status: must be a status code such as 200 or a range such as 200-299, was \"2xx\"",
        "pingbase.yml:10:20: monitors[0].max-redirects: must be an integer 0-50, was \"51\"",
        "pingbase.yml:11:15: monitors[0].max-body: must be at most 64MiB, was \"65MiB\"",
        "pingbase.yml:12:17: monitors[0].tls-verify: must be true or false, was \"maybe\"",
        "pingbase.yml:15:7: monitors[0].expect.body-contain: unknown key; did you mean \"body-contains\"?",
        "pingbase.yml:16:21: monitors[0].expect.body-matches: is not a valid regular expression: Unclosed group in \"(unclosed\"",
        "pingbase.yml:18:19: monitors[0].expect.json[0].path: a JSON path starts with $ (such as $.status or $.items[0].id), was \"status\"",
        "pingbase.yml:19:19: monitors[0].expect.json[1].path: give either equals or exists",
        "pingbase.yml:20:43: monitors[0].expect.json[2].exists: give either equals or exists",
        "pingbase.yml:21:32: monitors[0].expect.json[3].exists: must be true or false, was \"perhaps\"",
        "pingbase.yml:22:32: monitors[0].expect.headers.Content-Type: is not a valid regular expression: Unclosed character class in \"[\"",
        "pingbase.yml:23:5: monitors[1].url: required key is missing",
        "pingbase.yml:25:5: monitors[1].host: not a key of type http (it belongs to type tcp, tls)");
  }

  @Test
  void theDocumentedExampleIsValid() throws Exception {
    String doc = Files.readString(Path.of("docs/CONFIGURATION.md"));
    int start = doc.indexOf("```yaml\n", doc.indexOf("Keys of type `http`")) + "```yaml\n".length();
    Path ca = Files.writeString(dir.resolve("internal-ca.pem"), "");
    String example = doc.substring(start, doc.indexOf("```", start)).replace("/etc/pingbase/internal-ca.pem", ca.toString());
    Monitor m = new ConfigLoader(Map.of("SHOP_TOKEN", "t")::get, id -> false).parse(example, "CONFIGURATION.md")
        .monitors().get(0);
    Target.Http http = (Target.Http) m.target();
    assertThat(http.expect().json()).hasSize(2);
    assertThat(http.maxBody()).isEqualTo(256 * 1024);
    assertThat(http.auth()).isEqualTo(new HttpAuth.Bearer("t"));
  }
}
