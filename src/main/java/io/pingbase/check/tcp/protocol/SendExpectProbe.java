package io.pingbase.check.tcp.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted conversation, like blackbox_exporter's {@code query_response}: each step sends text
 * or bytes and/or waits for a regex in what the server sends after the previous match, or
 * upgrades the connection with a TLS handshake. Each expectation looks at most
 * {@link Conversation#MAX_LINE} bytes.
 */
final class SendExpectProbe implements Probe {
  private final List<ProtocolSpec.Step> steps;
  private final List<Pattern> patterns;

  SendExpectProbe(List<ProtocolSpec.Step> steps) {
    this.steps = steps;
    this.patterns = steps.stream().map(s -> s.expect() == null ? null : Pattern.compile(s.expect())).toList();
  }

  @Override
  public Outcome exchange(Conversation c) throws IOException, ProtocolMismatch {
    List<Object> matched = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      ProtocolSpec.Step step = steps.get(i);
      String name = "step " + (i + 1);
      if (step.starttls()) {
        c.startTls();
        continue;
      }
      byte[] send = step.bytes();
      if (send != null) {
        c.send(send);
      }
      Pattern pattern = patterns.get(i);
      if (pattern != null) {
        c.expecting("match for /" + step.expect() + "/ (" + name + ")");
        Matcher[] found = new Matcher[1];
        byte[] seen = c.readUntil(text -> {
          Matcher m = pattern.matcher(text);
          if (m.find()) {
            found[0] = m;
            return true;
          }
          return false;
        }, Conversation.MAX_LINE);
        c.unread(seen, found[0].end());
        matched.add(Printable.clean(found[0].group(), 200));
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("steps", steps.size());
    details.put("matched", matched);
    if (!matched.isEmpty()) {
      details.put("banner", matched.get(0));
    }
    if (c.tlsVersion() != null) {
      details.put("tls_version", c.tlsVersion());
    }
    return Outcome.of(details);
  }
}
