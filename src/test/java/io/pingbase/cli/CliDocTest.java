package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.FailureReason;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docs/CLI.md stays true: every command, option and failure reason the code knows is documented. */
class CliDocTest {
  private static final Path DOC = Path.of("docs/CLI.md");

  @Test
  void everyCommandAndOptionIsDocumented() throws Exception {
    String doc = Files.readString(DOC);
    CommandLine root = PingBaseCommand.commandLine();
    for (CommandLine sub : root.getSubcommands().values()) {
      String name = sub.getCommandName();
      if (name.equals("help")) {
        continue;
      }
      assertThat(doc).as("a section for %s", name).contains("## `pingbase " + name);
      for (CommandLine.Model.OptionSpec option : sub.getCommandSpec().options()) {
        if (option.usageHelp() || option.versionHelp()) {
          continue;
        }
        assertThat(doc).as("docs/CLI.md documents %s %s", name, option.longestName())
            .contains("`" + option.longestName());
      }
    }
  }

  @Test
  void everyFailureReasonIsExplained() throws Exception {
    String doc = Files.readString(DOC);
    for (FailureReason reason : FailureReason.values()) {
      assertThat(doc).as("the reasons table explains %s", reason).contains("| `" + reason.name() + "` |");
    }
  }
}
