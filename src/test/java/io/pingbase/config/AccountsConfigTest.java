package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.account.AccountSettings;
import io.pingbase.account.PlanLimits;
import io.pingbase.net.Cidr;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code accounts:} section and the server's proxy and URL keys, every mistake reported at its path. */
class AccountsConfigTest {
  private static final ConfigLoader LOADER = new ConfigLoader(Map.<String, String>of()::get, id -> false);

  private static PingBaseConfig parse(String yaml) throws ConfigException {
    return LOADER.parse(yaml, "pingbase.yml");
  }

  @Test
  void theDefaultsAreInvitationOnlyAndUnlimited() throws Exception {
    AccountSettings a = parse("").accounts();
    assertThat(a).isEqualTo(AccountSettings.DEFAULT);
    assertThat(a.openSignup()).isFalse();
    assertThat(a.sessions().idle()).isEqualTo(Duration.ofHours(12));
    assertThat(a.sessions().absolute()).isEqualTo(Duration.ofDays(14));
    assertThat(a.limitsOf("acme")).isEqualTo(PlanLimits.UNLIMITED);
  }

  @Test
  void plansAreAssignedByDefaultAndPerWorkspaceAndTheDefaultWorkspaceIsUnlimited() throws Exception {
    AccountSettings a = parse("""
        accounts:
          signup: open
          session-idle: 30m
          session-max: 1d
          workspaces-per-user: 1
          plans:
            free: { monitors: 5, min-interval: 5m, status-pages: 1, retention: 30d }
            team: { monitors: 1000 }
          default-plan: free
          workspace-plans: { acme: team, big: unlimited }
        """).accounts();
    assertThat(a.openSignup()).isTrue();
    assertThat(a.sessions().idle()).isEqualTo(Duration.ofMinutes(30));
    assertThat(a.workspacesPerUser()).isEqualTo(1);
    assertThat(a.limitsOf("someone")).isEqualTo(new PlanLimits(5, Duration.ofMinutes(5), 1, Duration.ofDays(30)));
    assertThat(a.planOf("acme")).isEqualTo("team");
    assertThat(a.limitsOf("acme")).isEqualTo(new PlanLimits(1000, null, null, null));
    assertThat(a.limitsOf("big")).isEqualTo(PlanLimits.UNLIMITED);
    assertThat(a.planOf("default")).as("the operator's own").isEqualTo("unlimited");
  }

  @Test
  void everyMistakeIsReportedWithItsPath() {
    assertThat(ConfigErrorsTest.errors("""
        accounts:
          signup: maybe
          session-idle: 2d
          session-max: 1d
          plans:
            free: { monitors: -1, min-interval: 100ms, pages: 2 }
            unlimited: { monitors: 1 }
          default-plan: fre
          workspace-plans: { "Not An Id": free, acme: gold }
          sso: true
        """)).containsExactlyInAnyOrder(
        "pingbase.yml:2:11: accounts.signup: must be closed (people join by invitation) or open (anyone may create"
            + " an account), was \"maybe\"",
        "pingbase.yml:4:16: accounts.session-max: session-max (1d) must be at least session-idle (2d)",
        "pingbase.yml:6:23: accounts.plans.free.monitors: must be an integer 0-10000000, was \"-1\"",
        "pingbase.yml:6:41: accounts.plans.free.min-interval: must be at least 1s, was 100ms",
        "pingbase.yml:6:48: accounts.plans.free.pages: unknown key; expected one of: monitors, min-interval,"
            + " status-pages, retention",
        "pingbase.yml:7:16: accounts.plans.unlimited: is built in (no limits); give your plan another name",
        "pingbase.yml:8:17: accounts.default-plan: unknown plan \"fre\"; did you mean \"free\"? (plans: free, unlimited)",
        "pingbase.yml:9:35: accounts.workspace-plans.Not An Id: is not a workspace id (1-32 of a-z, 0-9 and '-',"
            + " starting with a letter or digit)",
        "pingbase.yml:9:47: accounts.workspace-plans.acme: unknown plan \"gold\" (plans: free, unlimited)",
        "pingbase.yml:10:3: accounts.sso: unknown key; expected one of: signup, session-idle, session-max,"
            + " workspaces-per-user, plans, default-plan, workspace-plans");
  }

  @Test
  void trustedProxiesAndThePublicUrl() throws Exception {
    ServerSettings s = parse("""
        server:
          trusted-proxies: [127.0.0.1, "fd00::/8"]
          public-url: https://pingbase.example.com/
        """).server();
    assertThat(s.trustedProxies()).containsExactly(Cidr.parse("127.0.0.1"), Cidr.parse("fd00::/8"));
    assertThat(s.trusts(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(s.trusts(InetAddress.getByName("127.0.0.2"))).isFalse();
    assertThat(s.publicUrl()).as("without the trailing slash").isEqualTo("https://pingbase.example.com");

    assertThat(ConfigErrorsTest.errors("""
        server:
          trusted-proxies: [proxy.internal]
          public-url: ftp://pingbase
        """)).containsExactly(
        "pingbase.yml:2:20: server.trusted-proxies: \"proxy.internal\" is not an IP address or CIDR block"
            + " (proxies are given by address or CIDR block, not by name)",
        "pingbase.yml:3:15: server.public-url: must be an http:// or https:// address without user, query or"
            + " fragment, such as https://pingbase.example.com, was \"ftp://pingbase\"");
  }
}
