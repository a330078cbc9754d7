package io.pingbase.web;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error pages, in the API's JSON shape. Jetty answers some requests before Javalin
 * sees them (a path that is not valid UTF-8 or percent-encoding, a URI or header too long, a
 * malformed request line); its default is an HTML page, which an API client cannot read. Every
 * answer of this server, whoever writes it, is {@code {"status": n, "error": "..."}}.
 *
 * <p>Two handlers because Jetty has two error paths: the server's, for requests rejected while
 * parsing, and the servlet context's, for errors raised inside the servlet channel.
 */
final class JsonErrorPages {
  private JsonErrorPages() {}

  /** For {@code Server.setErrorHandler}. */
  static final class ForServer extends org.eclipse.jetty.server.handler.ErrorHandler {
    ForServer() {
      setShowStacks(false);
      setShowOrigin(false);
      setShowCauses(false);
    }

    /** Jetty writes error bodies only for GET, POST and HEAD; a PUT or DELETE client reads them too. */
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
        Callback callback) throws IOException {
      closeAfter(response);
      // Jetty answers an unknown protocol version ("HTTP/9.9") with 505; the request is the
      // client's mistake, and this server promises that only its own failures are 5xx.
      if (code == 505) {
        code = 400;
        message = "HTTP version not supported; send HTTP/1.1";
        response.setStatus(code);
      }
      // Whatever the client accepts: the API speaks JSON only.
      if (!generateAcceptableResponse(request, response, callback, "application/json",
          List.of(StandardCharsets.UTF_8), code, message, cause)) {
        callback.succeeded();
      }
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
      writer.write(body(code, message));
    }
  }

  /** For {@code ServletContextHandler.setErrorHandler}. */
  static final class ForServlets extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    ForServlets() {
      setShowStacks(false);
      setShowOrigin(false);
      setShowCauses(false);
    }

    /** Jetty writes error bodies only for GET, POST and HEAD; a PUT or DELETE client reads them too. */
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
        Callback callback) throws IOException {
      closeAfter(response);
      if (!generateAcceptableResponse(request, response, callback, "application/json",
          List.of(StandardCharsets.UTF_8), code, message, cause)) {
        callback.succeeded();
      }
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
      writer.write(body(code, message));
    }
  }

  /**
   * A request Jetty refused may have a body it never read, and Jetty then drops the connection;
   * saying so keeps a client from sending its next request on a connection that is going away.
   */
  private static void closeAfter(Response response) {
    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    SecurityHeaders.add(response.getHeaders());
  }

  static String body(int code, String message) {
    String text = message == null || message.isBlank() ? "HTTP " + code : message;
    return "{\"status\":" + code + ",\"error\":\""
        + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"}";
  }
}
