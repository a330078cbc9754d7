package io.pingbase.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T00:00:00Z"));

  @Test
  void afterTheFreeAttemptsEachFailureDoublesTheWaitUpToTheMaximum() {
    LoginThrottle t = new LoginThrottle(clock, 3, Duration.ofSeconds(1), Duration.ofSeconds(10), 100);
    String[] keys = {"account:ann", "address:10.0.0.7"};
    for (int i = 0; i < 2; i++) {
      assertThat(t.check(keys).allowed()).isTrue();
      t.failed(keys);
    }
    assertThat(t.check(keys).allowed()).isTrue();
    t.failed(keys); // third failure: 1 s
    assertThat(t.check(keys)).isEqualTo(new LoginThrottle.Decision(false, Duration.ofSeconds(1)));
    clock.advance(Duration.ofSeconds(1));
    t.failed(keys); // 2 s
    assertThat(t.check(keys).retryAfter()).isEqualTo(Duration.ofSeconds(2));
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(1));
      t.failed(keys);
    }
    assertThat(t.check(keys).retryAfter()).as("capped").isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void anAccountAndAnAddressAreCountedApartAndASuccessClearsTheAccount() {
    LoginThrottle t = new LoginThrottle(clock, 2, Duration.ofSeconds(5), Duration.ofMinutes(1), 100);
    t.failed("account:ann", "address:a");
    t.failed("account:bob", "address:a");
    assertThat(t.check("account:carl", "address:a").allowed()).as("the address guessed twice").isFalse();
    assertThat(t.check("account:ann", "address:b").allowed()).as("ann failed once").isTrue();
    t.failed("account:ann", "address:b");
    assertThat(t.check("account:ann", "address:c").allowed()).isFalse();
    t.succeeded("account:ann");
    assertThat(t.check("account:ann", "address:c").allowed()).isTrue();
  }

  @Test
  void memoryIsBounded() {
    LoginThrottle t = new LoginThrottle(clock, 1, Duration.ofSeconds(5), Duration.ofMinutes(1), 10);
    for (int i = 0; i < 1_000; i++) {
      t.failed("address:" + i);
    }
    assertThat(t.check("address:0").allowed()).as("forgotten").isTrue();
    assertThat(t.check("address:999").allowed()).isFalse();
  }
}
