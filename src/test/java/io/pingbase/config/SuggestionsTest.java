package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
  private static final List<String> KEYS = List.of(
      "id", "name", "type", "interval", "timeout", "degraded-after", "group", "confirmation", "host", "port");

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
    "intervall, interval",
    "timout, timeout",
    "degradedAfter, degraded-after",
    "degraded_after, degraded-after",
    "degraded, degraded-after",
    "hostname, host",
    "Port, port",
    "confirm, confirmation",
    "ip, none",
    "frequency, none",
  })
  void suggestsOnlyWhatIsClose(String input, String expected) {
    assertThat(Suggestions.closest(input, KEYS)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"tpc, tcp, 1", "abc, abc, 0", "kitten, sitting, 3", "'', abc, 3"})
  void distanceCountsASwapAsOneEdit(String a, String b, int distance) {
    assertThat(Suggestions.distance(a, b)).isEqualTo(distance);
  }
}
