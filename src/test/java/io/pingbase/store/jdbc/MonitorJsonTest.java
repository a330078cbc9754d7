package io.pingbase.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.check.Target;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MonitorJsonTest {

  @Test
  void writesAnExplicitDocumentAndReadsItBack() {
    Monitor m = new Monitor("db", "DB", new Target.Tcp("::1", 5432), Duration.ofSeconds(90),
        Duration.ofMillis(2500), Duration.ofNanos(1_500_000), "Infra", new ConfirmationPolicy(3, Duration.ofMillis(250)),
        MonitorSource.API);
    String spec = MonitorJson.spec(m);
    assertThat(spec).isEqualTo("{\"target\":{\"type\":\"tcp\",\"host\":\"::1\",\"port\":5432},"
        + "\"interval\":\"PT1M30S\",\"timeout\":\"PT2.5S\",\"degraded_after\":\"PT0.0015S\","
        + "\"confirmation\":{\"rechecks\":3,\"spacing\":\"PT0.25S\"}}");
    assertThat(MonitorJson.monitor("db", "DB", "Infra", "api", spec)).isEqualTo(m);
  }

  @Test
  void anInvalidStoredDefinitionNamesTheMonitorAndTheField() {
    String valid = "{\"target\":{\"type\":\"tcp\",\"host\":\"h\",\"port\":1},\"interval\":\"PT1M\","
        + "\"timeout\":\"PT1S\",\"confirmation\":{\"rechecks\":0,\"spacing\":\"PT0S\"}}";
    assertThat(MonitorJson.monitor("db", "DB", null, "file", valid).target()).isEqualTo(new Target.Tcp("h", 1));
    String noPort = valid.replace(",\"port\":1", "");
    assertThatThrownBy(() -> MonitorJson.monitor("db", "DB", null, "file", noPort))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("monitor 'db': stored definition is invalid: field 'port' is missing or not an integer");
    assertThatThrownBy(() -> MonitorJson.monitor("db", "DB", null, "file", valid.replace("tcp", "gopher")))
        .hasMessageContaining("unknown target type 'gopher'");
    assertThatThrownBy(() -> MonitorJson.monitor("db", "DB", null, "file", valid.replace("PT1M", "1 minute")))
        .hasMessageContaining("field 'interval' is not an ISO-8601 duration: 1 minute");
    assertThatThrownBy(() -> MonitorJson.monitor("db", "DB", null, "yaml", valid))
        .hasMessageContaining("unknown source 'yaml'");
    assertThatThrownBy(() -> MonitorJson.monitor("db", "DB", null, "file", "{oops"))
        .hasMessageStartingWith("monitor 'db': stored definition is invalid");
  }

  @Test
  void migrationScriptsSplitIntoStatementsOutsideQuotesAndComments() {
    assertThat(Migrator.statements("-- a comment; with a semicolon\nCREATE TABLE t (a int); -- trailing\n"
        + "INSERT INTO t VALUES (';--');\n\n"))
        .containsExactly("CREATE TABLE t (a int)", "INSERT INTO t VALUES (';--')");
  }
}
