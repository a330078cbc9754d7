package io.pingbase.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.alert.Notification;
import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import io.pingbase.testing.HttpReceiver;
import io.pingbase.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP channel must do, run against each of them (a subclass per channel): one
 * request per notification of every kind, 2xx delivered, 429 retried after its Retry-After, 5xx
 * retried, 400 and 401 rejected with the provider's words, and no secret in any summary or in
 * the settings' toString.
 */
public abstract class HttpChannelContract {
  protected static final Instant AT = Instant.parse("2026-11-25T02:00:00Z");
  protected final HttpPost http = HttpPost.create(new SettableClock(AT));
  protected HttpReceiver receiver;

  /** The channel under test, pointed at {@link #receiver}. */
  protected abstract Channel channel();

  /** Its settings (for toString). */
  protected abstract Object settings();

  /** The credentials in its settings, none of which may appear in a summary or toString. */
  protected abstract List<String> secrets();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = new HttpReceiver();
  }

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  public static Notification notification(Notification.Kind kind) {
    return switch (kind) {
      case DOWN -> new Notification("ev-down", "inc-7", kind, "db", "Postgres primary", "tcp://db:5432",
          MonitorState.UP, MonitorState.DOWN, FailureReason.REFUSED, "connection refused by 10.0.0.5:5432", 412, AT,
          null);
      case RECOVERED -> new Notification("ev-up", "inc-7", kind, "db", "Postgres primary", "tcp://db:5432",
          MonitorState.DOWN, MonitorState.UP, null, null, 1250, AT.plusSeconds(303), Duration.ofSeconds(303));
      case DEGRADED -> new Notification("ev-slow", "inc-8", kind, "db", "Postgres primary", "tcp://db:5432",
          MonitorState.UP, MonitorState.DEGRADED, null, "slower than 500 ms", 812_000, AT, null);
      case REMINDER -> new Notification("ev-again", "inc-7", kind, "db", "Postgres primary", "tcp://db:5432",
          MonitorState.DOWN, MonitorState.DOWN, FailureReason.REFUSED, "connection refused by 10.0.0.5:5432", -1, AT,
          null);
      case TEST -> new Notification("ev-test", "test-1", kind, "db", "Postgres primary", null, null,
          MonitorState.UP, null, null, -1, AT, null);
    };
  }

  private Delivery sendDown() {
    return channel().send(notification(Notification.Kind.DOWN));
  }

  @Test
  void everyKindIsOneRequestAndDelivered() {
    for (Notification.Kind kind : Notification.Kind.values()) {
      assertThat(channel().send(notification(kind))).as(kind.name()).isInstanceOf(Delivery.Delivered.class);
    }
    assertThat(receiver.requests()).hasSize(Notification.Kind.values().length)
        .allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
  }

  @Test
  void twoHundredsAreDelivered() {
    receiver.answer(202, "{\"result\":\"Request will be processed\"}");
    assertThat(sendDown()).isEqualTo(new Delivery.Delivered("HTTP 202"));
    receiver.answer(204, "");
    assertThat(sendDown()).isEqualTo(new Delivery.Delivered("HTTP 204"));
  }

  @Test
  void tooManyRequestsIsRetriedAfterItsRetryAfter() {
    receiver.answer(429, "slow down", Map.of("Retry-After", "7"));
    assertThat(sendDown()).isEqualTo(new Delivery.Retry("HTTP 429: slow down", Duration.ofSeconds(7)));
  }

  @Test
  void serverErrorsAreRetried() {
    receiver.answer(503, "maintenance");
    assertThat(sendDown()).isEqualTo(new Delivery.Retry("HTTP 503: maintenance", null));
  }

  @Test
  void badRequestAndUnauthorizedAreRejectedWithTheProvidersWords() {
    receiver.answer(400, "invalid payload");
    assertThat(sendDown()).isEqualTo(new Delivery.Rejected("HTTP 400: invalid payload"));
    receiver.answer(401, "unauthorized");
    assertThat(sendDown()).isEqualTo(new Delivery.Rejected("HTTP 401: unauthorized"));
  }

  @Test
  void secretsAreNeverShown() {
    List<String> summaries = new java.util.ArrayList<>();
    for (int status : new int[] {200, 400, 401, 403, 404, 429, 500}) {
      receiver.answer(status, "no");
      summaries.add(sendDown().summary());
    }
    receiver.close(); // refused from now on
    summaries.add(sendDown().summary());
    assertThat(secrets()).isNotEmpty().allSatisfy(secret -> {
      assertThat(settings().toString()).doesNotContain(secret);
      assertThat(summaries).noneMatch(s -> s.contains(secret));
    });
  }
}
