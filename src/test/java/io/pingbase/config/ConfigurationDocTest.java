package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md stays true: its example loads, and every key the readers know is documented. */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("docs/CONFIGURATION.md");

  @Test
  void theCompleteExampleIsValid() throws Exception {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
    String example = doc.substring(start, doc.indexOf("```", start));
    PingBaseConfig config = new ConfigLoader(Map.of("PG_PASSWORD", "x")::get, id -> false)
        .parse(example, "CONFIGURATION.md");
    assertThat(config.monitors()).extracting(m -> m.id()).containsExactly("postgres-primary", "redis-cache");
    assertThat(config.monitors().get(1).group()).isEqualTo("Infrastructure");
  }

  /**
   * Every YAML example in README.md and docs/CONFIGURATION.md that declares monitors loads without
   * an error, so an example cannot rot when a key changes. Variables without a default read as a word.
   */
  @Test
  void everyMonitorExampleInTheDocsLoads() throws Exception {
    // Unset variables take their default; the rest read as a short word.
    ConfigLoader loader = docLoader();
    int examples = 0;
    for (Path file : List.of(Path.of("README.md"), DOC)) {
      String doc = Files.readString(file);
      for (int start = doc.indexOf("```yaml\n"); start >= 0; start = doc.indexOf("```yaml\n", start + 1)) {
        int from = start + "```yaml\n".length();
        String example = doc.substring(from, doc.indexOf("```", from));
        if (!example.startsWith("monitors:") && !example.contains("\nmonitors:")) {
          continue;
        }
        String name = file + " example at offset " + start;
        // The examples' CA files (/etc/pingbase/...) do not exist here; any path loads, the check
        // reads the file when it runs.
        assertThat(loader.parse(example, name).monitors()).as(name).isNotEmpty();
        examples++;
      }
    }
    assertThat(examples).as("examples found").isGreaterThanOrEqualTo(6);
  }

  /** Variables of the examples: ports take their default, URLs a URL, the rest a word. */
  private static ConfigLoader docLoader() {
    return new ConfigLoader(name -> name.endsWith("PORT") ? null
        : name.endsWith("URL") ? "https://hooks.example.com/services/T0/B0/X0"
        : "azGDORePK8gMaC0QOYAMyEEuzJnyUi" /* 30 letters and digits, as app tokens are */, id -> false);
  }

  /** Every YAML example in docs/ALERTING.md loads as a config file, and every channel type's keys are documented there. */
  @Test
  void everyAlertingExampleLoadsAndEveryChannelKeyIsDocumented() throws Exception {
    Path alerting = Path.of("docs/ALERTING.md");
    String doc = Files.readString(alerting) + Files.readString(Path.of("docs/alerting/email.md"));
    int examples = 0;
    java.util.Set<String> types = new java.util.HashSet<>();
    for (int start = doc.indexOf("```yaml\n"); start >= 0; start = doc.indexOf("```yaml\n", start + 1)) {
      int from = start + "```yaml\n".length();
      String example = doc.substring(from, doc.indexOf("```", from));
      String name = alerting + " example at offset " + start;
      PingBaseConfig config = docLoader().parse(example, name);
      config.alerting().channels().forEach(c -> types.add(c.kind().type()));
      examples++;
    }
    assertThat(types).as("a YAML example per channel type").containsAll(io.pingbase.alert.channel.ChannelKinds.types());
    for (var kind : io.pingbase.alert.channel.ChannelKinds.ALL) {
      for (String key : kind.keys()) {
        assertThat(doc).as("docs/ALERTING.md documents `%s` of %s", key, kind.type()).contains("| `" + key + "`");
      }
    }
    assertThat(examples).isGreaterThanOrEqualTo(12);
  }

  /** The pingbase.yml that `./pingbase server` picks up in a fresh clone loads and shows each kind of monitor. */
  @Test
  void theExampleFileInTheRepositoryLoads() throws Exception {
    PingBaseConfig config = new ConfigLoader(name -> null, id -> false)
        .parse(Files.readString(Path.of("pingbase.yml")), "pingbase.yml");
    assertThat(config.monitors()).extracting(m -> m.target().type()).contains("tcp", "http", "heartbeat");
  }

  @Test
  void everyKeyIsDocumented() throws Exception {
    String doc = Files.readString(DOC);
    for (String section : ConfigReader.ROOT_KEYS) {
      assertThat(doc).as("docs/CONFIGURATION.md has a section for `%s`", section).contains("### `" + section + "`");
    }
    List<String> keys = new ArrayList<>();
    keys.addAll(ConfigReader.SERVER_KEYS);
    keys.addAll(ConfigReader.SQLITE_KEYS);
    keys.addAll(ConfigReader.POSTGRESQL_KEYS);
    keys.addAll(ConfigReader.RETENTION_KEYS);
    keys.addAll(ConfigReader.CHECKS_KEYS);
    keys.addAll(ConfigReader.DEFAULTS_KEYS);
    keys.addAll(ConfigReader.NETWORK_KEYS);
    keys.addAll(MonitorReader.COMMON_KEYS);
    MonitorReader.TYPE_KEYS.values().forEach(keys::addAll);
    keys.addAll(MonitorReader.CONFIRMATION_KEYS);
    keys.addAll(AlertingReader.ALERTING_KEYS);
    keys.addAll(AlertingReader.CHANNEL_COMMON_KEYS);
    keys.addAll(AlertingReader.GROUP_KEYS);
    keys.addAll(AlertingReader.ROUTE_KEYS);
    keys.addAll(AlertingReader.TEMPLATE_KEYS);
    keys.addAll(MaintenanceReader.KEYS);
    keys.addAll(AccountsReader.KEYS);
    keys.addAll(AccountsReader.PLAN_KEYS);
    for (String key : keys) {
      assertThat(doc).as("docs/CONFIGURATION.md documents `%s`", key).contains("| `" + key + "`");
    }
    for (String type : MonitorReader.types()) {
      assertThat(doc).contains("Keys of type `" + type + "`");
    }
  }
}
