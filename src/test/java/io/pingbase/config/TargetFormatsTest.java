package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.Target;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetFormatsTest {

  @Test
  void everyTargetRecordHasExactlyOneFormat() {
    List<String> formats = TargetFormats.ALL.stream().map(f -> f.targetClass().getName()).toList();
    assertThat(formats).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(Target.class.getPermittedSubclasses()).map(Class::getName).toList());
  }

  @Test
  void typesAreTheFormatsInOrder() {
    assertThat(MonitorReader.types()).containsExactlyElementsOf(
        TargetFormats.ALL.stream().map(TargetFormat::type).toList());
  }
}
