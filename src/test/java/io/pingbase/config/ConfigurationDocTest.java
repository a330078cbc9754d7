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
    keys.addAll(MonitorReader.COMMON_KEYS);
    MonitorReader.TYPE_KEYS.values().forEach(keys::addAll);
    keys.addAll(MonitorReader.CONFIRMATION_KEYS);
    for (String key : keys) {
      assertThat(doc).as("docs/CONFIGURATION.md documents `%s`", key).contains("| `" + key + "`");
    }
    for (String type : MonitorReader.types()) {
      assertThat(doc).contains("Keys of type `" + type + "`");
    }
  }
}
