package io.pingbase.web;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Exceptions that mean the client sent something unreadable, not that the server failed. They
 * surface from deep inside Javalin and Jetty (reading the body, decoding path parameters) as
 * whatever those throw, so the catch-all asks here before answering 500. Each case was found by
 * {@code FuzzTest} and is pinned by a regression test named after it.
 */
final class ClientFaults {
  private ClientFaults() {}

  /** A 4xx answer for a client's mistake. */
  record Fault(int status, String message) {}

  /** The 4xx that {@code e} stands for, or null when it is the server's own failure. */
  static Fault of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IllegalCharsetNameException || t instanceof UnsupportedCharsetException) {
        return new Fault(415, "the Content-Type names a charset this server does not read; send UTF-8 JSON");
      }
    }
    return null;
  }
}
