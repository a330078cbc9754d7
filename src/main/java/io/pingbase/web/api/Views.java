package io.pingbase.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.check.CheckResult;
import io.pingbase.check.Phases;
import io.pingbase.engine.LiveMonitor;
import io.pingbase.monitor.CheckOutcome;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.store.StoredEvent;
import io.pingbase.store.StoredResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * JSON shapes of the API. Keys are kebab-case like pingbase.yml, so a monitor read from the API
 * can be sent back as is. Response times are integers in microseconds ("-us").
 */
final class Views {
  private final ObjectMapper json;
  private final MonitorCodec codec;

  Views(ObjectMapper json, MonitorCodec codec) {
    this.json = json;
    this.codec = codec;
  }

  ObjectNode monitor(LiveMonitor live) {
    ObjectNode n = codec.write(live.monitor().toNames());
    if (live.monitor().target() instanceof io.pingbase.check.Target.Http) {
      // Credentials are written, never read back: listed by name only.
      com.fasterxml.jackson.databind.node.ArrayNode set = json.createArrayNode();
      io.pingbase.config.MonitorSecrets.hide(n).forEach(set::add);
      n.set("secrets-set", set);
    }
    n.put("source", live.monitor().source().wire());
    status(n, live);
    return n;
  }

  /** The compact form for the status overview. */
  ObjectNode statusLine(LiveMonitor live) {
    ObjectNode n = json.createObjectNode();
    n.put("id", WorkspaceKey.nameOf(live.monitor().id()));
    n.put("name", live.monitor().name());
    n.put("type", live.monitor().target().type());
    n.put("target", live.monitor().target().display());
    if (live.monitor().group() == null) {
      n.putNull("group");
    } else {
      n.put("group", live.monitor().group());
    }
    status(n, live);
    return n;
  }

  private void status(ObjectNode n, LiveMonitor live) {
    var status = live.status();
    n.put("status", state(status.state()));
    n.put("paused", status.state() == MonitorState.PAUSED);
    putInstant(n, "since", status.since());
    if (status.candidate() != null) {
      ObjectNode c = n.putObject("confirming");
      c.put("status", state(status.candidate().state()));
      c.put("rechecks-done", status.candidate().rechecksDone());
      putInstant(c, "first-seen", status.candidate().firstSeen());
    }
    if (status.last() == null) {
      n.putNull("last-check");
    } else {
      n.set("last-check", outcome(status.last()));
    }
  }

  ObjectNode outcome(CheckOutcome o) {
    ObjectNode n = json.createObjectNode();
    putInstant(n, "at", o.at());
    n.put("status", state(o.observed()));
    CheckResult r = o.result();
    n.put("reason", r.reason() == null ? null : r.reason().name());
    n.put("message", r.message());
    n.put("response-us", r.responseMicros());
    Phases p = r.phases();
    ObjectNode phases = n.putObject("phases-us");
    phase(phases, "dns", p.dnsMicros());
    phase(phases, "connect", p.connectMicros());
    phase(phases, "tls", p.tlsMicros());
    phase(phases, "first-byte", p.firstByteMicros());
    phase(phases, "transfer", p.transferMicros());
    n.put("address", r.address());
    n.put("warning", r.warning());
    n.set("details", json.valueToTree(r.details()));
    n.put("recheck", o.recheck());
    return n;
  }

  ObjectNode result(StoredResult r) {
    return outcome(r.outcome());
  }

  ObjectNode event(StoredEvent e) {
    StateChange c = e.change();
    ObjectNode n = json.createObjectNode();
    n.put("id", e.id());
    n.put("monitor", WorkspaceKey.nameOf(c.monitorId()));
    putInstant(n, "at", c.at());
    n.put("from", state(c.from()));
    n.put("to", state(c.to()));
    n.put("reason", c.reason() == null ? null : c.reason().name());
    n.put("message", c.message());
    if (c.responseMicros() < 0) {
      n.putNull("response-us");
    } else {
      n.put("response-us", c.responseMicros());
    }
    return n;
  }

  static String state(MonitorState s) {
    return s.name();
  }

  /**
   * Instants to the millisecond, as the store keeps them: a check shows the same time as the
   * monitor's last-check (from memory) and in its results (from the database).
   */
  static void putInstant(ObjectNode n, String key, Instant at) {
    if (at == null) {
      n.putNull(key);
    } else {
      n.put(key, at.truncatedTo(ChronoUnit.MILLIS).toString());
    }
  }

  private static void phase(ObjectNode n, String key, long micros) {
    if (micros == Phases.ABSENT) {
      n.putNull(key);
    } else {
      n.put(key, micros);
    }
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
