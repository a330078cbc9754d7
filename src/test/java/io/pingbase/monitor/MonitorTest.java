package io.pingbase.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.check.Target;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MonitorTest {
  @Test
  void slugsAreUrlSafeIds() {
    assertThat(Monitor.slug("Postgres primary")).isEqualTo("postgres-primary");
    assertThat(Monitor.slug("  Redis -- cache (EU)!  ")).isEqualTo("redis-cache-eu");
    assertThat(Monitor.slug("...db.internal")).isEqualTo("db.internal");
    assertThat(Monitor.slug("Ünïcödé")).isEqualTo("n-c-d");
    assertThat(Monitor.slug("!!!")).isEqualTo("monitor");
    assertThat(Monitor.slug("x".repeat(70) + " tail")).hasSize(64).matches(Monitor::isValidId);
    assertThat(Monitor.slug("a".repeat(63) + " b")).isEqualTo("a".repeat(63));
  }

  @Test
  void invariantsHoldWhateverTheCaller() {
    Target t = new Target.Tcp("db", 5432);
    assertThatThrownBy(() -> new Monitor("db", "DB", t, Duration.ofMillis(500), Duration.ofMillis(100), null, null,
        ConfirmationPolicy.DEFAULT, MonitorSource.API)).hasMessageContaining("interval");
    assertThatThrownBy(() -> new Monitor("db", "DB", t, Duration.ofSeconds(5), Duration.ofSeconds(6), null, null,
        ConfirmationPolicy.DEFAULT, MonitorSource.API)).hasMessageContaining("timeout");
    assertThatThrownBy(() -> new Monitor("db", "DB", t, Duration.ofSeconds(5), Duration.ofSeconds(1),
        Duration.ofSeconds(1), null, ConfirmationPolicy.DEFAULT, MonitorSource.API)).hasMessageContaining("degraded");
    assertThatThrownBy(() -> new Monitor("Bad Id", "DB", t, Duration.ofSeconds(5), Duration.ofSeconds(1), null, null,
        ConfirmationPolicy.DEFAULT, MonitorSource.API)).hasMessageContaining("id");
  }
}
