package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, 500",
    "30s, 30000",
    "5m, 300000",
    "1h30m, 5400000",
    "2d, 172800000",
    "0s, 0",
    "1d2h3m4s5ms, 93784005",
    "90s, 90000",
  })
  void parsesEveryUnitAndCombinations(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "30s", "5m", "1h30m", "2d", "0s", "1d2h3m4s5ms", "1s500ms", "400d"})
  void canonicalFormsRoundTrip(String text) {
    assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
  }

  @Test
  void formatNormalises() {
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    assertThat(Durations.format(Duration.ofHours(48))).isEqualTo("2d");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void formatRefusesWhatParseCouldNotReadBack() {
    assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> Durations.format(Duration.ofNanos(1500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("millisecond");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "10      | missing unit in \"10\"; write e.g. 10s",
    "5x      | unknown unit \"x\" in \"5x\" (units: ms, s, m, h or d)",
    "-1s     | negative durations are not allowed: \"-1s\"",
    "1.5s    | fractions are not allowed: \"1.5s\"; combine units instead",
    "1s1m    | units must go from largest to smallest, each at most once: \"1s1m\"",
    "1m1m    | units must go from largest to smallest, each at most once",
    "s       | expected a number at \"s\" in \"s\"",
    "1h 30m  | spaces are not allowed in durations: \"1h 30m\"",
    "5S      | unknown unit \"S\"",
    "+5s     | write durations without a sign",
    "99999999999999999999d | duration is too large",
    "999999999999999d | duration is too large",
  })
  void rejectsGarbageWithAClearMessage(String text, String message) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void rejectsEmpty() {
    assertThatThrownBy(() -> Durations.parse("")).hasMessageStartingWith("empty duration");
    assertThatThrownBy(() -> Durations.parse(null)).hasMessageStartingWith("empty duration");
  }
}
