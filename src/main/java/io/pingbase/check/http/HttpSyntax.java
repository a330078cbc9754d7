package io.pingbase.check.http;

import java.util.regex.Pattern;

/** What may stand in a method, a header name and a header value (RFC 9110 tokens; no line breaks). */
public final class HttpSyntax {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private HttpSyntax() {}

  public static boolean isToken(String s) {
    return s != null && TOKEN.matcher(s).matches();
  }

  /** CR, LF or NUL would let a value end the header and inject another one. */
  public static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0;
  }
}
