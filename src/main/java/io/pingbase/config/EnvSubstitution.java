package io.pingbase.config;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in one scalar value; <code>$${</code> stands for
 * a literal <code>${</code>. Works on text that YAML has already parsed, so a variable can never add
 * keys or change the structure of the file; values are not scanned again, so a password that
 * contains <code>${</code> stays as it is.
 *
 * <p>As in a shell, {@code :-} uses the default when the variable is unset or empty.
 */
final class EnvSubstitution {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvSubstitution() {}

  /**
   * @throws IllegalArgumentException naming the variable that is unset or the syntax that is wrong
   */
  static String apply(String text, Function<String, String> environment) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw new IllegalArgumentException(
              "unterminated \"${\" in " + Nodes.quote(text) + " (write $${ for a literal ${)");
        }
        out.append(resolve(text.substring(i + 2, close), environment));
        i = close + 1;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  private static String resolve(String expression, Function<String, String> environment) {
    int split = expression.indexOf(":-");
    String name = split < 0 ? expression : expression.substring(0, split);
    if (!NAME.matcher(name).matches()) {
      String hint = name.indexOf(':') >= 0 ? "; for a default write ${NAME:-default}" : "";
      throw new IllegalArgumentException(
          "invalid environment variable name " + Nodes.quote(name) + " in \"${" + expression
              + "}\" (letters, digits and _, not starting with a digit)" + hint);
    }
    String value = environment.apply(name);
    if (split >= 0) {
      return value == null || value.isEmpty() ? expression.substring(split + 2) : value;
    }
    if (value == null) {
      throw new IllegalArgumentException(
          "environment variable " + name + " is not set (write ${" + name + ":-default} to give a default)");
    }
    return value;
  }
}
