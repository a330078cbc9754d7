package io.pingbase.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.alert.channel.ChannelKind;
import io.pingbase.alert.channel.ChannelKinds;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel form of every type, through the real server: a field for each of the type's keys,
 * every type created from its form, refusals next to their fields, and secrets never sent back
 * (an edit keeps a stored secret left empty, or removes it when asked).
 */
class ChannelFormTest {
  static final String HOOK = "http://127.0.0.1:1/hook";
  /** The least each type needs, as typed in its form. */
  static final Map<String, List<String>> SAMPLES = Map.ofEntries(
      Map.entry("webhook", List.of("url", HOOK, "secret", "hmac-key", "headers", "X-Token: abc")),
      Map.entry("email", List.of("host", "127.0.0.1", "port", "2525", "security", "none", "username", "pingbase",
          "password", "smtp password", "from", "pingbase@example.test", "to", "ops@example.test\ndev@example.test")),
      Map.entry("slack", List.of("webhook-url", HOOK)),
      Map.entry("pagerduty", List.of("routing-key", "0123456789abcdef0123456789abcdef")),
      Map.entry("telegram", List.of("bot-token", "123456:ABC-token", "chat-id", "-100123")),
      Map.entry("discord", List.of("webhook-url", HOOK)),
      Map.entry("teams", List.of("webhook-url", HOOK)),
      Map.entry("ntfy", List.of("server", "http://127.0.0.1:1", "topic", "alerts", "token", "tk_abc")),
      Map.entry("opsgenie", List.of("api-key", "key-123", "responders", "team:ops")),
      Map.entry("pushover", List.of("token", "azGDORePK8gMaC0QOYAMyEEuzJnyUi", "user", "uQiRzpo4DXghDmr9QzzfQu27cmVRsG")),
      Map.entry("gotify", List.of("server", "http://127.0.0.1:1", "token", "gotify-token")),
      Map.entry("mattermost", List.of("webhook-url", HOOK)));

  @TempDir
  static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, "", InstantSource.system());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyTypesFormHasAFieldForEachKey() {
    assertThat(ChannelForm.TYPES).hasSize(12);
    for (ChannelKind<?> kind : ChannelKinds.ALL) {
      Response form = PageForms.page(server, "/channels/new?type=" + kind.type());
      assertThat(form.status()).isEqualTo(200);
      for (String key : kind.keys()) {
        assertThat(form.body()).as("%s's form has a field for %s", kind.type(), key).contains("name=\"" + key + "\"");
      }
    }
  }

  @Test
  void everyTypeIsCreatedFromItsForm() {
    for (ChannelKind<?> kind : ChannelKinds.ALL) {
      List<String> fields = new ArrayList<>(List.of("type", kind.type(), "name", "made-" + kind.type(), "on", "down"));
      fields.addAll(SAMPLES.get(kind.type()));
      Response created = PageForms.post(server, "/channels", fields.toArray(String[]::new));
      assertThat(created.status()).as("%s: %s", kind.type(), created).isEqualTo(303);
      var channel = server.get("/api/v1/channels/made-" + kind.type()).json();
      assertThat(channel.path("type").asText()).isEqualTo(kind.type());
      assertThat(channel.path("on").toString()).isEqualTo("[\"down\"]");
      for (int i = 0; i < SAMPLES.get(kind.type()).size(); i += 2) {
        String key = SAMPLES.get(kind.type()).get(i);
        if (kind.secrets().contains(key)) {
          assertThat(channel.path("secrets-set").toString()).as("%s's secret %s is saved", kind.type(), key)
              .contains("\"" + key + "\"");
        } else {
          assertThat(channel.has(key)).as("%s's %s is saved", kind.type(), key).isTrue();
        }
      }
    }
    var email = server.get("/api/v1/channels/made-email").json();
    assertThat(email.path("to").toString()).as("one address per line").isEqualTo("[\"ops@example.test\",\"dev@example.test\"]");
    Response list = PageForms.page(server, "/channels");
    assertThat(list.body()).contains("made-webhook").doesNotContain("hmac-key").doesNotContain("smtp password");
  }

  @Test
  void refusalsShowNextToTheirFieldsWithWhatWasTyped() {
    Response missing = PageForms.post(server, "/channels", "type", "webhook", "name", "no-url", "timeout", "3s");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("id=\"err-url\"").contains("url is required").contains("value=\"3s\"");

    Response badName = PageForms.post(server, "/channels", "type", "slack", "name", "Not Valid", "webhook-url", HOOK);
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.body()).contains("id=\"err-name\"").contains("value=\"Not Valid\"")
        .as("a secret typed is not sent back").doesNotContain(HOOK);

    PageForms.post(server, "/channels", "type", "slack", "name", "taken", "webhook-url", HOOK);
    Response taken = PageForms.post(server, "/channels", "type", "slack", "name", "taken", "webhook-url", HOOK);
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.body()).contains("a channel named 'taken' exists");
  }

  @Test
  void anEditKeepsAStoredSecretLeftEmptyAndRemovesItWhenAsked() {
    assertThat(PageForms.post(server, "/channels", "type", "webhook", "name", "signed", "url", HOOK, "secret",
        "the-hmac-key").status()).isEqualTo(303);
    Response edit = PageForms.page(server, "/channels/signed/edit");
    assertThat(edit.body()).contains("stored — leave empty to keep").contains("Remove the stored secret")
        .doesNotContain("the-hmac-key").contains(HOOK);

    assertThat(PageForms.post(server, "/channels/signed", "url", HOOK, "secret", "", "timeout", "4s").status())
        .isEqualTo(303);
    var kept = server.get("/api/v1/channels/signed").json();
    assertThat(kept.path("secrets-set").toString()).isEqualTo("[\"secret\"]");
    assertThat(kept.path("timeout").asText()).isEqualTo("4s");

    assertThat(PageForms.post(server, "/channels/signed", "url", HOOK, "remove-secret", "true").status())
        .isEqualTo(303);
    assertThat(server.get("/api/v1/channels/signed").json().path("secrets-set").toString()).isEqualTo("[]");
  }
}
