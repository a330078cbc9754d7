package io.pingbase.alert.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.alert.channel.email.EmailSettings.Security;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailSettingsTest {

  @Test
  void theUsualPortFollowsTheSecurity() {
    assertThat(EmailSettings.of("mail", Security.NONE, "a@example.com", List.of("b@example.com")).port()).isEqualTo(25);
    assertThat(EmailSettings.of("mail", Security.STARTTLS, "a@example.com", List.of("b@example.com")).port())
        .isEqualTo(587);
    assertThat(EmailSettings.of("mail", Security.SMTPS, "a@example.com", List.of("b@example.com")).port())
        .isEqualTo(465);
  }

  @Test
  void everyProblemIsListedInOneMessage() {
    assertThatThrownBy(() -> new EmailSettings(" ", 0, null, "bob", null, "not an address", List.of("ok@example.com",
        "also wrong@"), Duration.ZERO, Duration.ofHours(1), null, null, "two words"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("email channel: ")
        .hasMessageContainingAll("host must not be blank", "port must be 1..65535, not 0",
            "security must be none, starttls or smtps", "password is required with a username",
            "from is not a valid email address", "to[1] is not a valid email address",
            "connect-timeout must be positive", "read-timeout must be at most 5 minutes", "zone must be set",
            "helo-name must be one word");
  }

  @Test
  void atLeastOneRecipient() {
    assertThatThrownBy(() -> EmailSettings.of("mail", Security.NONE, "a@example.com", List.of()))
        .hasMessageContaining("to must name at least one address");
  }

  @Test
  void aMissingRecipientIsReportedNotThrownAsANullPointer() {
    assertThatThrownBy(() -> EmailSettings.of("mail", Security.NONE, "a@example.com",
        java.util.Arrays.asList("b@example.com", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to[1] must be an email address");
  }

  @Test
  void aPasswordWithoutAUserIsAMistake() {
    assertThatThrownBy(() -> EmailSettings.of("mail", Security.NONE, "a@example.com", List.of("b@example.com"))
        .withLogin(null, "secret"))
        .hasMessageContaining("password given without a username");
  }

  @Test
  void thePasswordNeverShowsInToString() {
    EmailSettings s = EmailSettings.of("mail", Security.SMTPS, "a@example.com", List.of("b@example.com"))
        .withLogin("bob", "hunter2").withZone(ZoneId.of("Europe/Berlin"));
    assertThat(s.toString()).doesNotContain("hunter2").contains("password=***", "username=bob", "security=smtps");
  }
}
