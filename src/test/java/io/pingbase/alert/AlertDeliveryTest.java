package io.pingbase.alert;

import static io.pingbase.alert.AlertBench.monitor;
import static io.pingbase.alert.AlertBench.settings;
import static io.pingbase.alert.AlertBench.to;
import static io.pingbase.alert.AlertBench.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.monitor.AlertRoute;
import io.pingbase.monitor.MonitorState;
import io.pingbase.store.jdbc.JdbcStore;
import io.pingbase.testing.HttpReceiver;
import java.time.InstantSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outbox, router and sender together over a real SQLite store and real HTTP receivers, tick by
 * tick with a settable clock: what is sent, to whom, how often, and what happens when a receiver
 * fails. One subclass per database.
 */
abstract class AlertDeliveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Opens the store of this test; called again for a "restarted" process, which must see the same data. */
  abstract JdbcStore open(InstantSource clock);

  @Test
  void aDownAndItsRecoveryAreEachSentOnceWithOneIncidentKey() throws Exception {
    try (HttpReceiver hook = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open, settings(List.of(webhook("hook", hook.url("/hook"))), List.of()))) {
      bench.add(monitor("db", null, to("hook")));
      bench.change("db", MonitorState.UP);
      bench.tick();
      assertThat(hook.requests()).as("PENDING to UP is not news").isEmpty();

      bench.change("db", MonitorState.DOWN);
      bench.tick();
      bench.tick();
      JsonNode down = json(hook.single());
      assertThat(down.path("kind").asText()).isEqualTo("down");
      assertThat(down.path("reason").asText()).isEqualTo("REFUSED");
      assertThat(down.path("message").asText()).isEqualTo("connection refused by 127.0.0.1:5432");
      assertThat(down.path("incident_key").asText()).isEqualTo("db/down/" + AlertBench.T0.toEpochMilli());
      assertThat(hook.single().header("X-PingBase-Event-Id")).isEqualTo(down.path("event_id").asText());

      bench.clock.advance(Duration.ofSeconds(90));
      bench.change("db", MonitorState.UP);
      bench.tick();
      bench.tick();
      assertThat(hook.requests()).hasSize(2);
      JsonNode up = json(hook.requests().get(1));
      assertThat(up.path("kind").asText()).isEqualTo("recovered");
      assertThat(up.path("incident_key").asText()).isEqualTo(down.path("incident_key").asText());
      assertThat(up.path("down_for_seconds").asLong()).isEqualTo(90);
      assertThat(up.path("event_id").asText()).isNotEqualTo(down.path("event_id").asText());

      List<Outbox.NotificationLog> log = bench.log();
      assertThat(log).hasSize(2);
      assertThat(log).allSatisfy(n -> {
        assertThat(n.deliveries()).singleElement().satisfies(d -> {
          assertThat(d.status()).isEqualTo(Outbox.Status.DELIVERED);
          assertThat(d.attempts()).isEqualTo(1);
          assertThat(d.log()).singleElement().satisfies(a -> assertThat(a.summary()).isEqualTo("HTTP 200"));
        });
      });
    }
  }

  @Test
  void aReceiverThatIsDownIsRetriedWithBackoffUntilItAnswersThenNeverAgain() throws Exception {
    try (HttpReceiver hook = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open, settings(List.of(webhook("hook", hook.url("/hook"))), List.of()))) {
      bench.add(monitor("db", null, to("hook")));
      hook.answer(503, "maintenance");
      bench.change("db", MonitorState.DOWN);
      bench.tick();
      assertThat(hook.requests()).hasSize(1);

      bench.clock.advance(Duration.ofSeconds(4));
      bench.tick();
      assertThat(hook.requests()).as("not before the 5 s backoff").hasSize(1);
      bench.clock.advance(Duration.ofSeconds(1));
      bench.tick();
      assertThat(hook.requests()).hasSize(2);
      bench.clock.advance(Duration.ofSeconds(9));
      bench.tick();
      assertThat(hook.requests()).as("the second backoff is 10 s").hasSize(2);

      hook.answer(200, "ok");
      bench.clock.advance(Duration.ofSeconds(1));
      bench.tick();
      assertThat(hook.requests()).hasSize(3);
      for (int i = 0; i < 5; i++) {
        bench.clock.advance(Duration.ofMinutes(10));
        bench.tick();
      }
      assertThat(hook.requests()).hasSize(3);
      assertThat(hook.requests()).extracting(r -> r.header("X-PingBase-Event-Id")).containsOnly(
          hook.requests().get(0).header("X-PingBase-Event-Id"));
      Outbox.DeliveryLog d = bench.log().get(0).deliveries().get(0);
      assertThat(d.status()).isEqualTo(Outbox.Status.DELIVERED);
      assertThat(d.log()).extracting(Outbox.Attempt::outcome).containsExactly("retry", "retry", "delivered");
      assertThat(d.log().get(0).summary()).isEqualTo("HTTP 503: maintenance");
    }
  }

  @Test
  void retryAfterPausesTheWholeChannelForAsLongAsAsked() throws Exception {
    try (HttpReceiver hook = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open, settings(List.of(webhook("hook", hook.url("/hook"))), List.of()))) {
      bench.add(monitor("a", null, to("hook")));
      bench.add(monitor("b", null, to("hook")));
      hook.answer(429, "slow down", Map.of("Retry-After", "120"));
      bench.change("a", MonitorState.DOWN);
      bench.tick();
      assertThat(hook.requests()).hasSize(1);
      hook.answer(200, "ok");

      bench.clock.advance(Duration.ofSeconds(30));
      bench.change("b", MonitorState.DOWN);
      bench.tick();
      bench.tick();
      assertThat(hook.requests()).as("the channel asked for 120 s of quiet; b waits too").hasSize(1);

      bench.clock.advance(Duration.ofSeconds(91));
      bench.tick();
      assertThat(hook.requests()).hasSize(3);
      assertThat(bench.log()).allSatisfy(n ->
          assertThat(n.deliveries().get(0).status()).isEqualTo(Outbox.Status.DELIVERED));
    }
  }

  @Test
  void aRejectionIsNotRetriedAndAGiveUpEndsAsFailed() throws Exception {
    try (HttpReceiver hook = new HttpReceiver(); HttpReceiver flaky = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open, new AlertingSettings(java.time.ZoneId.of("UTC"), Duration.ofMinutes(1),
            List.of(webhook("hook", hook.url("/hook")), webhook("flaky", flaky.url("/f"))), List.of()))) {
      bench.add(monitor("db", null, to("hook", "flaky")));
      hook.answer(404, "no such hook");
      flaky.answer(502, "bad gateway");
      bench.change("db", MonitorState.DOWN);
      for (int i = 0; i < 10; i++) {
        bench.tick();
        bench.clock.advance(Duration.ofSeconds(20));
      }
      assertThat(hook.requests()).hasSize(1);
      assertThat(flaky.requests()).as("5 s, 10 s, 20 s ... within the 1 minute to give up").hasSizeBetween(3, 4);
      var deliveries = bench.log().get(0).deliveries();
      assertThat(deliveries).extracting(Outbox.DeliveryLog::channel, Outbox.DeliveryLog::status)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("hook", Outbox.Status.REJECTED),
              org.assertj.core.groups.Tuple.tuple("flaky", Outbox.Status.FAILED));
    }
  }

  @Test
  void aChannelThatHangsDoesNotHoldUpAnother() throws Exception {
    try (HttpReceiver slow = new HttpReceiver(); HttpReceiver fast = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open,
            settings(List.of(webhook("slow", slow.url("/s")), webhook("fast", fast.url("/f"))), List.of()))) {
      bench.add(monitor("db", null, to("slow", "fast")));
      slow.stall();
      bench.change("db", MonitorState.DOWN);
      bench.alerting.router().routeChanges();
      bench.alerting.sender().runOnce();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fast.requests().size() == 1);
      assertThat(bench.alerting.sender().inFlight()).as("slow is still waiting for its answer").isEqualTo(1);
      slow.close(); // ends the stalled attempt
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> bench.alerting.sender().inFlight() == 0);
    }
  }

  @Test
  void channelsChooseWhatTheyHearAndRecoveriesGoOnlyWhereTheDownWent() throws Exception {
    try (HttpReceiver all = new HttpReceiver(); HttpReceiver downOnly = new HttpReceiver();
        HttpReceiver slowness = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open, settings(List.of(
            webhook("all", all.url("/a")),
            webhook("down-only", downOnly.url("/d"), Notification.Kind.DOWN),
            webhook("slowness", slowness.url("/s"), Notification.Kind.DEGRADED, Notification.Kind.RECOVERED)),
            List.of()))) {
      bench.add(monitor("db", null, to("all", "down-only", "slowness")));
      for (MonitorState next : List.of(MonitorState.UP, MonitorState.DEGRADED, MonitorState.UP, MonitorState.DOWN,
          MonitorState.UP)) {
        bench.clock.advance(Duration.ofSeconds(10));
        bench.change("db", next);
        bench.tick();
      }
      assertThat(kinds(all)).containsExactly("degraded", "recovered", "down", "recovered");
      assertThat(kinds(downOnly)).containsExactly("down");
      assertThat(kinds(slowness)).as("told of the slowness and its end; never of the DOWN, so not of its recovery")
          .containsExactly("degraded", "recovered");
    }
  }

  @Test
  void groupChannelsAndDefaultChannelsApplyWhenAMonitorNamesNone() throws Exception {
    try (HttpReceiver infra = new HttpReceiver(); HttpReceiver fallback = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open, settings(
            List.of(webhook("infra", infra.url("/i")), AlertBench.defaultWebhook("fallback", fallback.url("/f"))),
            List.of(new GroupRule("Infrastructure", to("infra"), List.of()))))) {
      bench.add(monitor("db", "Infrastructure", AlertRoute.NONE));
      bench.add(monitor("web", null, AlertRoute.NONE));
      bench.change("db", MonitorState.DOWN);
      bench.change("web", MonitorState.DOWN);
      bench.tick();
      assertThat(infra.requests()).extracting(r -> json(r).path("monitor").path("id").asText()).containsExactly("db");
      assertThat(fallback.requests()).extracting(r -> json(r).path("monitor").path("id").asText())
          .containsExactly("web");
    }
  }

  @Test
  void eachWorkspaceHearsOnlyOfItsOwnMonitors() throws Exception {
    // The file's group rules are the default workspace's; a default channel serves its own workspace.
    try (HttpReceiver infra = new HttpReceiver(); HttpReceiver fallback = new HttpReceiver();
        HttpReceiver acme = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open, settings(
            List.of(webhook("infra", infra.url("/i")), AlertBench.defaultWebhook("fallback", fallback.url("/f")),
                AlertBench.defaultWebhook("acme:fallback", acme.url("/a"))),
            List.of(new GroupRule("Infrastructure", to("infra"), List.of()))))) {
      bench.add(monitor("db", "Infrastructure", AlertRoute.NONE));
      bench.add(monitor("web", null, AlertRoute.NONE));
      bench.add(monitor("acme:db", "Infrastructure", AlertRoute.NONE));
      bench.add(monitor("acme:web", null, AlertRoute.NONE));
      for (String id : List.of("db", "web", "acme:db", "acme:web")) {
        bench.change(id, MonitorState.DOWN);
      }
      bench.tick();
      assertThat(infra.requests()).extracting(r -> json(r).path("monitor").path("id").asText()).containsExactly("db");
      assertThat(fallback.requests()).extracting(r -> json(r).path("monitor").path("id").asText())
          .containsExactly("web");
      assertThat(acme.requests()).extracting(r -> json(r).path("monitor").path("id").asText())
          .containsExactlyInAnyOrder("acme:db", "acme:web");
      assertThat(bench.store.outbox().log("acme", null, 10)).extracting(n -> n.notification().monitorId())
          .containsExactlyInAnyOrder("acme:db", "acme:web");
      assertThat(bench.store.outbox().log("default", null, 10)).extracting(n -> n.notification().monitorId())
          .containsExactlyInAnyOrder("db", "web");
    }
  }

  @Test
  void aDownCausedByAGroupItDependsOnIsFoldedIntoTheRootCause() throws Exception {
    try (HttpReceiver hook = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open, settings(List.of(webhook("hook", hook.url("/h"))), List.of(
            new GroupRule("Infrastructure", to("hook"), List.of()),
            new GroupRule("Shop", to("hook"), List.of("Infrastructure")))))) {
      bench.add(monitor("postgres", "Infrastructure", AlertRoute.NONE));
      bench.add(monitor("checkout", "Shop", AlertRoute.NONE));
      bench.change("postgres", MonitorState.DOWN);
      bench.change("checkout", MonitorState.DOWN);
      bench.tick();
      bench.change("checkout", MonitorState.UP);
      bench.change("postgres", MonitorState.UP);
      bench.tick();
      assertThat(hook.requests()).extracting(r -> json(r).path("title").asText())
          .containsExactly("DOWN: Monitor postgres (REFUSED)", "RECOVERED: Monitor postgres");
      var checkoutDown = bench.store.outbox().log("checkout", 10).stream()
          .filter(n -> n.notification().kind() == Notification.Kind.DOWN).findFirst().orElseThrow();
      assertThat(checkoutDown.deliveries()).singleElement().satisfies(d -> {
        assertThat(d.status()).isEqualTo(Outbox.Status.SUPPRESSED);
        assertThat(d.summary()).isEqualTo("folded into the root cause: Monitor postgres is down (group Infrastructure)");
      });
    }
  }

  @Test
  void manyMonitorsFailingTogetherMakeOneDigestPerChannelButOneIncidentEachOnPagerDuty() throws Exception {
    try (HttpReceiver hook = new HttpReceiver(); HttpReceiver pd = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open, settings(
            List.of(webhook("hook", hook.url("/h")), AlertBench.pagerduty("pd", pd.url("/v2/enqueue"))), List.of()))) {
      for (int i = 0; i < 6; i++) {
        bench.add(monitor("m" + i, null, to("hook", "pd")));
      }
      for (int i = 0; i < 6; i++) {
        bench.change("m" + i, MonitorState.DOWN);
      }
      bench.tick();
      JsonNode digest = json(hook.single());
      assertThat(digest.path("title").asText()).isEqualTo("DOWN: 6 monitors");
      assertThat(digest.path("message").asText()).contains("Monitor m0", "Monitor m5");
      assertThat(pd.requests()).hasSize(6);
      assertThat(pd.requests()).extracting(r -> json(r).path("dedup_key").asText()).doesNotHaveDuplicates();
      assertThat(bench.log()).allSatisfy(n -> assertThat(n.deliveries())
          .allSatisfy(d -> assertThat(d.status()).isEqualTo(Outbox.Status.DELIVERED)));
    }
  }

  @Test
  void aLargeStormIsSplitIntoDigestsOfAtMost25() throws Exception {
    try (HttpReceiver hook = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open, settings(List.of(webhook("hook", hook.url("/h"))), List.of()))) {
      for (int i = 0; i < 60; i++) {
        bench.add(monitor("m" + i, null, to("hook")));
        bench.change("m" + i, MonitorState.DOWN);
      }
      bench.tick();
      assertThat(hook.requests()).extracting(r -> json(r).path("folded").size()).containsExactlyInAnyOrder(25, 25, 10);
    }
  }

  @Test
  void remindersComeEveryPeriodWhileDownAndEscalationOnceAfterItsDelay() throws Exception {
    try (HttpReceiver hook = new HttpReceiver(); HttpReceiver boss = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open,
            settings(List.of(webhook("hook", hook.url("/h")), webhook("boss", boss.url("/b"))), List.of()))) {
      bench.add(monitor("db", null, new AlertRoute(List.of("hook"), Duration.ofMinutes(5), Duration.ofMinutes(15),
          List.of("boss"))));
      bench.change("db", MonitorState.DOWN);
      bench.tick();
      for (int minute = 1; minute <= 16; minute++) {
        bench.clock.advance(Duration.ofMinutes(1));
        bench.followUps();
        bench.tick();
      }
      assertThat(kinds(hook)).containsExactly("down", "reminder", "reminder", "reminder");
      assertThat(kinds(boss)).containsExactly("down");
      assertThat(json(boss.single()).path("message").asText()).isEqualTo("escalated: down for 15m 0s");

      bench.change("db", MonitorState.UP);
      bench.tick();
      assertThat(kinds(hook)).last().isEqualTo("recovered");
      assertThat(kinds(boss)).as("the escalation channel hears of the recovery too").containsExactly("down", "recovered");
    }
  }

  @Test
  void aDeliveryClaimedByASenderThatDiedIsSentAfterItsLeaseByTheNextOne() throws Exception {
    try (HttpReceiver hook = new HttpReceiver()) {
      AlertingSettings s = settings(List.of(webhook("hook", hook.url("/h"))), List.of());
      try (AlertBench first = new AlertBench(this::open, s)) {
        first.add(monitor("db", null, to("hook")));
        first.change("db", MonitorState.DOWN);
        first.alerting.router().routeChanges();
        // The sender claims the delivery, then the process dies before the attempt.
        assertThat(first.store.outbox().claimDue(first.clock.instant(), Duration.ofMinutes(2), 10)).hasSize(1);
      }
      try (AlertBench second = new AlertBench(this::open, s)) {
        second.add(monitor("db", null, to("hook")));
        second.clock.advance(Duration.ofMinutes(1));
        second.tick();
        assertThat(hook.requests()).as("still leased").isEmpty();
        second.clock.advance(Duration.ofMinutes(1));
        second.tick();
        second.tick();
        assertThat(hook.requests()).hasSize(1);
        assertThat(second.log()).hasSize(1);
      }
    }
  }

  @Test
  void aCertificateIsAnnouncedOncePerThresholdAndAgainForANewCertificate() throws Exception {
    try (HttpReceiver hook = new HttpReceiver();
        AlertBench bench = new AlertBench(this::open, settings(List.of(webhook("hook", hook.url("/h"))), List.of()))) {
      bench.add(monitor("cert", null, to("hook")));
      bench.change("cert", MonitorState.UP);
      bench.details.put("cert", Map.of("warn-threshold", 30L, "sha256", "AA:BB:CC:DD:EE:FF:00:11"));
      bench.warnings.put("cert", "certificate expires in 29 days, below 30-day threshold");
      bench.clock.advance(Duration.ofDays(1));
      bench.change("cert", MonitorState.DEGRADED);
      for (int day = 0; day < 3; day++) {
        bench.followUps();
        bench.tick();
        bench.clock.advance(Duration.ofHours(1));
      }
      assertThat(kinds(hook)).as("the DEGRADED change and its threshold are one notification").containsExactly("degraded");

      bench.details.put("cert", Map.of("warn-threshold", 14L, "sha256", "AA:BB:CC:DD:EE:FF:00:11"));
      bench.warnings.put("cert", "certificate expires in 13 days, below 14-day threshold");
      for (int i = 0; i < 3; i++) {
        bench.followUps();
        bench.tick();
      }
      assertThat(hook.requests()).hasSize(2);
      assertThat(json(hook.requests().get(1)).path("message").asText())
          .isEqualTo("certificate expires in 13 days, below 14-day threshold");

      // Replaced by a certificate that is itself short-lived: announced again.
      bench.details.put("cert", Map.of("warn-threshold", 14L, "sha256", "99:88:77:66:55:44:33:22"));
      bench.followUps();
      bench.tick();
      bench.followUps();
      bench.tick();
      assertThat(kinds(hook)).containsExactly("degraded", "degraded", "degraded");

      bench.details.put("cert", Map.of("sha256", "12:34"));
      bench.change("cert", MonitorState.UP);
      bench.followUps();
      bench.tick();
      assertThat(kinds(hook)).containsExactly("degraded", "degraded", "degraded", "recovered");
    }
  }

  private static List<String> kinds(HttpReceiver r) {
    return r.requests().stream().map(x -> json(x).path("kind").asText()).toList();
  }

  private static JsonNode json(HttpReceiver.Request r) {
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
