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
  void storesTheDocumentTheApiReturnsAndReadsItBack() {
    Monitor m = new Monitor("db", "DB", new Target.Tcp("::1", 5432), Duration.ofSeconds(90),
        Duration.ofMillis(2500), Duration.ofMillis(1500), "Infra", new ConfirmationPolicy(3, Duration.ofMillis(250)),
        MonitorSource.API);
    String spec = MonitorJson.spec(m);
    assertThat(spec).isEqualTo("{\"id\":\"db\",\"name\":\"DB\",\"type\":\"tcp\",\"host\":\"::1\",\"port\":5432,"
        + "\"interval\":\"1m30s\",\"timeout\":\"2s500ms\",\"degraded-after\":\"1s500ms\",\"group\":\"Infra\","
        + "\"confirmation\":{\"rechecks\":3,\"spacing\":\"250ms\"}}");
    assertThat(MonitorJson.monitor("db", "DB", "Infra", "api", spec)).isEqualTo(m);
  }

  @Test
  void readsRowsWrittenBySchema1() {
    String old = "{\"target\":{\"type\":\"tcp\",\"host\":\"::1\",\"port\":5432},"
        + "\"interval\":\"PT1M30S\",\"timeout\":\"PT2.5S\",\"degraded_after\":\"PT0.5S\","
        + "\"confirmation\":{\"rechecks\":3,\"spacing\":\"PT0.25S\"}}";
    assertThat(MonitorJson.monitor("db", "DB", "Infra", "file", old)).isEqualTo(new Monitor("db", "DB",
        new Target.Tcp("::1", 5432), Duration.ofSeconds(90), Duration.ofMillis(2500), Duration.ofMillis(500), "Infra",
        new ConfirmationPolicy(3, Duration.ofMillis(250)), MonitorSource.FILE));
    assertThatThrownBy(() -> MonitorJson.monitor("db", "DB", null, "file", old.replace("PT1M30S", "soon")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("monitor 'db': stored definition is invalid")
        .hasMessageContaining("interval");
  }

  @Test
  void anInvalidStoredDefinitionNamesTheMonitorAndTheField() {
    String valid = "{\"id\":\"db\",\"name\":\"DB\",\"type\":\"tcp\",\"host\":\"h\",\"port\":1}";
    assertThat(MonitorJson.monitor("db", "DB", null, "file", valid).target()).isEqualTo(new Target.Tcp("h", 1));
    assertThatThrownBy(() -> MonitorJson.monitor("db", "DB", null, "file", valid.replace(",\"port\":1", "")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("monitor 'db': stored definition is invalid")
        .hasMessageContaining("port");
    assertThatThrownBy(() -> MonitorJson.monitor("db", "DB", null, "file", valid.replace("tcp", "gopher")))
        .hasMessageContaining("gopher");
    assertThatThrownBy(() -> MonitorJson.monitor("other", "DB", null, "file", valid))
        .hasMessage("monitor 'other': stored definition has id 'db'");
    assertThatThrownBy(() -> MonitorJson.monitor("db", "DB", null, "yaml", valid))
        .hasMessage("monitor 'db': unknown source 'yaml'");
    assertThatThrownBy(() -> MonitorJson.monitor("db", "DB", null, "file", "{oops"))
        .hasMessageStartingWith("monitor 'db': stored definition is not valid JSON");
    assertThatThrownBy(() -> MonitorJson.monitor("db", "DB", null, "file", "[1]"))
        .hasMessage("monitor 'db': stored definition is not a JSON object");
  }

  @Test
  void migrationScriptsSplitIntoStatementsOutsideQuotesAndComments() {
    assertThat(Migrator.statements("-- a comment; with a semicolon\nCREATE TABLE t (a int); -- trailing\n"
        + "INSERT INTO t VALUES (';--');\n\n"))
        .containsExactly("CREATE TABLE t (a int)", "INSERT INTO t VALUES (';--')");
  }
}
