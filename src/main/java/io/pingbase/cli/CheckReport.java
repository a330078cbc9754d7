package io.pingbase.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.check.CheckResult;
import io.pingbase.check.Phases;
import io.pingbase.check.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * What {@code pingbase check} prints: one line per attempt, then (for several attempts) a
 * summary, as text or as JSON lines. Thread-safe, because Ctrl-C prints the summary from a
 * shutdown hook while an attempt may still be running: once finished, later attempts are dropped
 * instead of interleaving with the summary.
 *
 * <p>The text line is meant to be read and to be parsed: the target, UP or DOWN, then
 * {@code key=value} pairs in a fixed order, values without spaces ({@code -} when absent), and on
 * a DOWN line the human message last, quoted:
 * <pre>
 * tcp://db:5432 UP dns=0.412ms connect=0.388ms address=10.0.0.5:5432
 * tcp://db:5432 DOWN reason=REFUSED dns=0.398ms connect=0.121ms address=10.0.0.5:5432 message="connection refused by 10.0.0.5:5432"
 * </pre>
 * Other monitor types add, in this order: the phases they have ({@code tls}, {@code first-byte},
 * {@code transfer}), {@code response}, the address, then their scalar details as
 * {@code key=value} ({@code status=200}, {@code banner="SSH-2.0-OpenSSH_9.6"}), a
 * {@code warning} (on an UP result that makes a monitor DEGRADED, such as a certificate close
 * to expiry) and the message.
 */
final class CheckReport {
  /** Exit code after Ctrl-C, the shell's convention for a command stopped by SIGINT (128 + 2). */
  static final int INTERRUPTED = 130;

  enum Format { TEXT, JSON }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory JSON = MAPPER.getFactory();

  private final Target target;
  private final PrintWriter out;
  private final Format format;
  private final int planned;
  private int attempts;
  private int up;
  private long minMicros = Long.MAX_VALUE;
  private long maxMicros;
  private long sumMicros;
  private boolean finished;
  private int exitCode;

  CheckReport(Target target, PrintWriter out, Format format, int planned) {
    this.target = target;
    this.out = out;
    this.format = format;
    this.planned = planned;
  }

  /**
   * Prints one attempt.
   *
   * @return whether to go on: false once the report is finished (Ctrl-C) or nobody reads the
   *     output any more (a closed pipe, as in {@code pingbase check ... | head -n 1})
   */
  synchronized boolean attempt(CheckResult r) {
    if (finished) {
      return false;
    }
    attempts++;
    if (r.up()) {
      up++;
      minMicros = Math.min(minMicros, r.responseMicros());
      maxMicros = Math.max(maxMicros, r.responseMicros());
      sumMicros += r.responseMicros();
    }
    out.println(format == Format.JSON ? json(r) : line(target, r));
    out.flush();
    return !outputClosed();
  }

  /**
   * Prints the summary (for more than one planned attempt) once, and stops further output.
   *
   * @return the exit code: 0 when every attempt was up, 1 when one was down (or none was made),
   *     {@link #INTERRUPTED} when stopped early by Ctrl-C
   */
  synchronized int finish(boolean interrupted) {
    if (finished) {
      return exitCode;
    }
    finished = true;
    if (planned > 1) {
      out.println(format == Format.JSON ? jsonSummary(interrupted) : summary(interrupted));
      out.flush();
    }
    exitCode = interrupted ? INTERRUPTED : attempts > 0 && up == attempts ? 0 : 1;
    return exitCode;
  }

  private boolean outputClosed() {
    // picocli wraps System.out in its own writer, which never sees the broken pipe; System.out does.
    return out.checkError() || System.out.checkError();
  }

  static String line(Target target, CheckResult r) {
    StringBuilder b = new StringBuilder(160).append(target.display());
    b.append(r.up() ? " UP" : " DOWN reason=" + r.reason().name());
    b.append(" dns=").append(ms(r.phases().dnsMicros()));
    b.append(" connect=").append(ms(r.phases().connectMicros()));
    // Later phases only for checks that have them, so a TCP line stays as short as nc's.
    optionalPhase(b, "tls", r.phases().tlsMicros());
    optionalPhase(b, "first-byte", r.phases().firstByteMicros());
    optionalPhase(b, "transfer", r.phases().transferMicros());
    if (!connectOnly(target)) {
      b.append(" response=").append(ms(r.responseMicros()));
    }
    b.append(" address=").append(r.address() == null ? "-" : r.address());
    r.details().forEach((key, value) -> {
      if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        b.append(' ').append(key).append('=').append(token(String.valueOf(value)));
      } else if (value instanceof java.util.List<?> list
          && list.stream().noneMatch(v -> v instanceof java.util.Map || v instanceof java.util.List)) {
        // A list of plain values (DNS answers) as one comma-separated token.
        b.append(' ').append(key).append('=')
            .append(token(String.join(",", list.stream().map(String::valueOf).toList())));
      }
    });
    if (r.warning() != null) {
      b.append(" warning=").append(quoted(r.warning()));
    }
    if (!r.up() && r.message() != null) {
      b.append(" message=").append(quoted(r.message()));
    }
    return b.toString();
  }

  /** A bare TCP connect, whose response time is its connect time and is shown as such. */
  private static boolean connectOnly(Target target) {
    return target instanceof Target.Tcp tcp && tcp.protocol() == null;
  }

  private static void optionalPhase(StringBuilder b, String key, long micros) {
    if (micros != Phases.ABSENT) {
      b.append(' ').append(key).append('=').append(ms(micros));
    }
  }

  /** A value as one token: as it is when it has no space, quote or control character; else quoted. */
  static String token(String value) {
    if (value.isEmpty()) {
      return "\"\"";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == '"' || c == '\\' || c == 0x7f) {
        return quoted(value);
      }
    }
    return value;
  }

  private static String quoted(String text) {
    StringBuilder q = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> q.append("\\\\");
        case '"' -> q.append("\\\"");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> {
          if (c < ' ' || c == 0x7f) {
            q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }

  private String summary(boolean interrupted) {
    StringBuilder b = new StringBuilder();
    if (interrupted) {
      b.append(attempts).append(" of ").append(planned).append(" attempts (interrupted)");
    } else {
      b.append(attempts).append(" attempts");
    }
    b.append(": ").append(up).append(" up, ").append(attempts - up).append(" down");
    if (up > 0) {
      b.append(connectOnly(target) ? "; connect" : "; response").append(" min/avg/max ").append(number(minMicros)).append('/').append(number(sumMicros / up))
          .append('/').append(number(maxMicros)).append(" ms");
    }
    return b.toString();
  }

  /** Milliseconds with microsecond precision and the unit, or {@code -} for a phase that did not happen. */
  static String ms(long micros) {
    return micros == Phases.ABSENT ? "-" : number(micros) + "ms";
  }

  private static String number(long micros) {
    return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
  }

  /** One JSON object per attempt, keys and units as in the REST API (kebab-case, microseconds). */
  private String json(CheckResult r) {
    return write(g -> {
      g.writeStringField("type", "attempt");
      g.writeStringField("target", target.display());
      g.writeNumberField("attempt", attempts);
      g.writeStringField("status", r.up() ? "UP" : "DOWN");
      g.writeStringField("warning", r.warning());
      g.writeStringField("reason", r.reason() == null ? null : r.reason().name());
      g.writeStringField("message", r.message());
      g.writeStringField("address", r.address());
      g.writeNumberField("response-us", r.responseMicros());
      g.writeObjectFieldStart("phases-us");
      micros(g, "dns", r.phases().dnsMicros());
      micros(g, "connect", r.phases().connectMicros());
      micros(g, "tls", r.phases().tlsMicros());
      micros(g, "first-byte", r.phases().firstByteMicros());
      micros(g, "transfer", r.phases().transferMicros());
      g.writeEndObject();
      g.writeFieldName("details");
      MAPPER.writeValue(g, r.details());
    });
  }

  private String jsonSummary(boolean interrupted) {
    return write(g -> {
      g.writeStringField("type", "summary");
      g.writeStringField("target", target.display());
      g.writeNumberField("attempts", attempts);
      g.writeNumberField("planned", planned);
      g.writeNumberField("up", up);
      g.writeNumberField("down", attempts - up);
      g.writeBooleanField("interrupted", interrupted);
      String key = connectOnly(target) ? "connect-us" : "response-us";
      if (up == 0) {
        g.writeNullField(key);
      } else {
        g.writeObjectFieldStart(key);
        g.writeNumberField("min", minMicros);
        g.writeNumberField("avg", sumMicros / up);
        g.writeNumberField("max", maxMicros);
        g.writeEndObject();
      }
    });
  }

  private static void micros(JsonGenerator g, String key, long micros) throws IOException {
    if (micros == Phases.ABSENT) {
      g.writeNullField(key);
    } else {
      g.writeNumberField(key, micros);
    }
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Fields fields) {
    StringWriter s = new StringWriter(200);
    try (JsonGenerator g = JSON.createGenerator(s)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return s.toString();
  }
}
