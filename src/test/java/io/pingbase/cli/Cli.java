package io.pingbase.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import picocli.CommandLine;

/**
 * Runs {@code pingbase ...} in-process, exactly as {@code Main} does but with stdout and stderr
 * captured, so a test sees the exit code and every character the user would see.
 */
final class Cli {
  private Cli() {}

  record Run(int exitCode, String out, String err) {
    /** The lines printed on stdout. */
    java.util.List<String> lines() {
      return out.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  static Run run(String... args) {
    return run(new StringWriter(), args);
  }

  /** Runs with stdout going to {@code out}, for tests that react to output as it is printed. */
  static Run run(Writer out, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = PingBaseCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
