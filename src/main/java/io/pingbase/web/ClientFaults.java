package io.pingbase.web;

import java.nio.charset.IllegalCharsetNameException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
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
      // Jetty's parser refused the body as it was read (a bad chunk size, a body shorter than
      // its Content-Length, the client gone mid-upload): its code says which 4xx.
      if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
        return new Fault(h.getCode(), "the request body could not be read: "
            + (h.getReason() == null ? "malformed" : h.getReason()));
      }
      if (t instanceof EofException) {
        return new Fault(400, "the request body ended before its declared length");
      }
      // Javalin decodes path parameters with URLDecoder, which refuses what Jetty let through
      // ("%u0041", a lone "%"): the path is malformed, whichever route it names.
      if (t instanceof IllegalArgumentException && t.getStackTrace().length > 0
          && t.getStackTrace()[0].getClassName().equals("java.net.URLDecoder")) {
        return new Fault(400, "the path has a malformed percent-encoding");
      }
    }
    return null;
  }
}
