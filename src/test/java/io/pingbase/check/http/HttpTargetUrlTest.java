package io.pingbase.check.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.check.Target;
import io.pingbase.check.TargetUrl;
import org.junit.jupiter.api.Test;

/** {@code pingbase check http(s)://...}: a URL becomes an http target with every default. */
class HttpTargetUrlTest {

  @Test
  void httpAndHttpsUrlsAreHttpTargetsWithDefaults() {
    assertThat(TargetUrl.parse("http://localhost:8080/health")).isEqualTo(Target.Http.get("http://localhost:8080/health"));
    Target t = TargetUrl.parse(" https://[::1]/ ");
    assertThat(t).isEqualTo(Target.Http.get("https://[::1]/"));
    assertThat(t.host()).isEqualTo("::1");
    assertThat(t.type()).isEqualTo("http");
    assertThat(t.display()).isEqualTo("https://[::1]/");
    assertThat(HttpUrl.parse("HTTPS://Example.com").requestTarget()).isEqualTo("/");
    assertThat(HttpUrl.parse("http://[::1]:8080/a?b=c").hostHeader()).isEqualTo("[::1]:8080");
    assertThat(HttpUrl.parse("https://example.com:443/").hostHeader()).isEqualTo("example.com");
  }

  @Test
  void badUrlsSayWhatIsWrong() {
    assertThatThrownBy(() -> TargetUrl.parse("http://")).hasMessageContaining("not a valid URL");
    assertThatThrownBy(() -> TargetUrl.parse("http:///path")).hasMessageContaining("url has no valid host");
    assertThatThrownBy(() -> TargetUrl.parse("http://a b/")).hasMessageContaining("not a valid URL");
    assertThatThrownBy(() -> TargetUrl.parse("https://u:p@host/")).hasMessageContaining("use basic-auth");
    assertThatThrownBy(() -> TargetUrl.parse("gopher://host/")).hasMessageContaining("supported: tcp, http, https");
  }

  @Test
  void jsonPathsBecomePointers() {
    assertThat(JsonPath.compile("$").toString()).isEqualTo("");
    assertThat(JsonPath.compile("$.a.b[0]").toString()).isEqualTo("/a/b/0");
    assertThat(JsonPath.compile("$['a.b'][\"c/d\"]").toString()).isEqualTo("/a.b/c~1d");
    assertThatThrownBy(() -> JsonPath.compile("$.a[*]")).hasMessageContaining("[*] must be an array index");
    assertThatThrownBy(() -> JsonPath.compile("$..a")).hasMessageContaining("empty member name");
    assertThatThrownBy(() -> JsonPath.compile("$.a[0")).hasMessageContaining("unclosed '['");
  }
}
