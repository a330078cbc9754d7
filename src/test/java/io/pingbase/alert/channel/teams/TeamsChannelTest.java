package io.pingbase.alert.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.HttpChannelContract;
import io.pingbase.alert.channel.MapFields;
import io.pingbase.testing.HttpReceiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamsChannelTest extends HttpChannelContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/workflows/abc123/triggers/manual/paths/invoke";
  private static final String QUERY = "api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=S1GSECRET";

  @Override
  protected TeamsSettings settings() {
    return TeamsSettings.of(receiver.url(PATH + "?" + QUERY));
  }

  @Override
  protected Channel channel() {
    return new TeamsChannel(settings(), http);
  }

  @Override
  protected List<String> secrets() {
    return List.of("S1GSECRET");
  }

  @Test
  void aDownIsAnAdaptiveCardInTheWorkflowEnvelope() throws Exception {
    assertThat(channel().type()).isEqualTo("teams");
    receiver.answer(202, "");
    channel().send(notification(Notification.Kind.DOWN));

    HttpReceiver.Request r = receiver.single();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo(PATH);
    assertThat(r.query()).isEqualTo(QUERY);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
        {"type":"message","attachments":[{
          "contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,
          "content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard",
            "version":"1.4","body":[
              {"type":"TextBlock","text":"DOWN: Postgres primary (REFUSED)","weight":"Bolder","size":"Medium",
               "color":"Attention","wrap":true},
              {"type":"TextBlock","text":"connection refused by 10.0.0.5:5432","wrap":true},
              {"type":"FactSet","facts":[
                {"title":"Target","value":"tcp://db:5432"},
                {"title":"State","value":"UP → DOWN"},
                {"title":"Reason","value":"REFUSED"},
                {"title":"Response time","value":"0.412 ms"},
                {"title":"At","value":"2026-11-25 02:00:00 UTC"},
                {"title":"Monitor","value":"db"},
                {"title":"Event","value":"ev-down"}]}]}}]}
        """));
  }

  @Test
  void titleColoursFollowTheKind() throws Exception {
    for (Notification.Kind kind : Notification.Kind.values()) {
      channel().send(notification(kind));
    }
    List<String> colours = receiver.requests().stream()
        .map(r -> read(r).at("/attachments/0/content/body/0/color").asText()).toList();
    assertThat(colours).containsExactly("Attention", "Good", "Warning", "Attention", "Accent");
    JsonNode recovered = read(receiver.requests().get(1));
    assertThat(recovered.at("/attachments/0/content/body/1/facts").toString())
        .contains("{\"title\":\"Down for\",\"value\":\"5m 3s\"}");
  }

  @Test
  void settingsAreReadAndValidated() {
    TeamsSettings s = TeamsSettings.read(new MapFields(Map.of("webhook-url",
        "https://prod-1.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sig=SECRET")));
    assertThat(s.toString()).contains("prod-1.westeurope.logic.azure.com").doesNotContain("SECRET");
    assertThatThrownBy(() -> TeamsSettings.read(new MapFields(Map.of()))).hasMessage("webhook-url is required");
  }

  private static JsonNode read(HttpReceiver.Request r) {
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
