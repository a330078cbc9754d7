package io.pingbase.cli;

import io.pingbase.account.AccountStore;
import io.pingbase.account.Passwords;
import io.pingbase.app.PingBase;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigLoader;
import io.pingbase.config.PingBaseConfig;
import io.pingbase.store.SecretBox;
import io.pingbase.store.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pingbase account}: the operator's way back in, working on the database directly (as
 * whoever can read the config file and the database already can): list accounts, set a new
 * password, turn two-factor sign-in off. Each change ends the user's sessions. Safe while the
 * server runs; the server sees the change within seconds.
 */
@Command(name = "account", mixinStandardHelpOptions = true,
    description = "Operator recovery on the database of the config file: list accounts, reset a password, "
        + "turn two-factor sign-in off.",
    subcommands = {AccountCommand.List.class, AccountCommand.ResetPassword.class,
        AccountCommand.DisableTwoFactor.class})
final class AccountCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing command: list, reset-password or disable-two-factor");
  }

  /** The options every subcommand shares: which config file, and so which database. */
  static class Target {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "Config file whose storage to use (default: ./pingbase.yml when it exists, otherwise the built-in SQLite path).")
    Path config;

    @Option(names = {"-d", "--data"}, paramLabel = "DIR",
        description = "Directory of the SQLite database file, as for `pingbase server --data`.")
    Path data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The database, or null after printing why it cannot be opened (exit 1). */
    Store open(String command) {
      PrintWriter err = spec.commandLine().getErr();
      Path file = config;
      if (file == null && Files.isRegularFile(ServerCommand.DEFAULT_CONFIG)) {
        file = ServerCommand.DEFAULT_CONFIG;
      }
      PingBaseConfig cfg = PingBaseConfig.DEFAULT;
      if (file != null) {
        ConfigFiles.requireReadable(spec.commandLine(), file);
        try {
          cfg = ConfigLoader.withSystemEnvironment().load(file);
        } catch (ConfigException e) {
          err.println("pingbase account " + command + ": " + file + " has "
              + ConfigFiles.plural(e.errors().size(), "error") + ":");
          ConfigFiles.printErrors(err, e);
          return null;
        }
      }
      try {
        return PingBase.openStore(cfg.storage(), data, SecretBox.fromEnvironment(System::getenv));
      } catch (RuntimeException e) {
        err.println("pingbase account " + command + ": cannot open the database: " + e.getMessage());
        return null;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every account: address, name, two-factor, disabled, and its workspaces with roles.",
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:listed", "1:the database cannot be opened",
          "2:usage error"})
  static final class List extends Target implements Callable<Integer> {
    @Override
    public Integer call() {
      try (Store store = open("list")) {
        if (store == null) {
          return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        AccountStore accounts = store.accounts();
        for (AccountStore.User u : accounts.users()) {
          StringBuilder line = new StringBuilder(u.email()).append("  \"").append(u.name()).append('"');
          line.append(u.totpSecret() != null ? "  two-factor" : "").append(u.disabled() ? "  disabled" : "");
          for (AccountStore.Membership m : accounts.memberships(u.id())) {
            line.append("  ").append(m.workspaceId()).append(':').append(m.role().wire());
          }
          out.println(line);
        }
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "reset-password", mixinStandardHelpOptions = true,
      description = "Set a new password for EMAIL and end all of its sessions. The password is read from "
          + "--password-file, or else the first line of standard input; never from the command line.",
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done",
          "1:no such account, a password that is too short or long, or the database cannot be opened",
          "2:usage error"})
  static final class ResetPassword extends Target implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EMAIL", description = "The account's e-mail address.")
    String email;

    @Option(names = "--password-file", paramLabel = "FILE", description = "A file whose first line is the new password.")
    Path passwordFile;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      String password = passwordFile != null
          ? Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("")
          : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      String problem = Passwords.problem(password);
      if (problem != null) {
        err.println("pingbase account reset-password: the new password " + problem);
        return 1;
      }
      try (Store store = open("reset-password")) {
        if (store == null) {
          return 1;
        }
        var user = store.accounts().userByEmail(email);
        if (user.isEmpty()) {
          err.println("pingbase account reset-password: no account with the address " + email);
          return 1;
        }
        store.accounts().setPassword(user.get().id(), Passwords.hash(password));
        int ended = store.accounts().deleteSessions(user.get().id(), null);
        spec.commandLine().getOut().println("new password set for " + user.get().email() + "; " + ended
            + " session(s) ended");
        return 0;
      }
    }
  }

  @Command(name = "disable-two-factor", mixinStandardHelpOptions = true,
      description = "Turn two-factor sign-in off for EMAIL (a lost device) and end all of its sessions.",
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done",
          "1:no such account, or the database cannot be opened", "2:usage error"})
  static final class DisableTwoFactor extends Target implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EMAIL", description = "The account's e-mail address.")
    String email;

    @Override
    public Integer call() {
      try (Store store = open("disable-two-factor")) {
        if (store == null) {
          return 1;
        }
        var user = store.accounts().userByEmail(email);
        if (user.isEmpty()) {
          spec.commandLine().getErr().println("pingbase account disable-two-factor: no account with the address " + email);
          return 1;
        }
        store.accounts().setTotp(user.get().id(), null);
        int ended = store.accounts().deleteSessions(user.get().id(), null);
        spec.commandLine().getOut().println("two-factor sign-in is off for " + user.get().email() + "; " + ended
            + " session(s) ended");
        return 0;
      }
    }
  }
}
