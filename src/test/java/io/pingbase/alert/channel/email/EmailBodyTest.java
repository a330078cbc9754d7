package io.pingbase.alert.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.alert.Notification;
import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EmailBodyTest {

  @Test
  void escapesEveryHtmlSpecialCharacter() {
    assertThat(EmailBody.escape("<a href=\"x\" title='y'>&</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  }

  @Test
  void aMultiLineMessageCannotFakeRowsInThePlainText() {
    Notification n = new Notification("e", "i", Notification.Kind.DOWN, "m", "web", "http://web/",
        MonitorState.UP, MonitorState.DOWN, FailureReason.STATUS, "boom\r\nReason:   all fine", -1,
        Instant.parse("2026-01-15T12:00:00Z"), null);
    String text = EmailBody.of(n, ZoneId.of("UTC")).text();
    assertThat(text).contains("Message:", "boom Reason:   all fine", "Since:", "2026-01-15 12:00:00 +00:00 (UTC)");
    assertThat(text.lines().filter(l -> l.startsWith("Reason:"))).hasSize(1);
  }
}
