package io.pingbase.web.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A status page's incidents as an Atom feed (RFC 4287): one entry per incident, updated with its
 * latest step, its timeline as the content. Links are relative to the page, as readers reach it.
 */
final class StatusFeed {
  private StatusFeed() {}

  static String atom(StatusView v) {
    String slug = v.page().slug();
    List<StatusView.IncidentView> all = new ArrayList<>(v.active());
    all.addAll(v.past());
    all.sort(Comparator.comparing(StatusFeed::updated).reversed());
    Instant updated = all.isEmpty() ? v.built() : updated(all.get(0));
    StringBuilder b = new StringBuilder(4096);
    b.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    b.append("<id>urn:pingbase:status:").append(xml(slug)).append("</id>\n");
    b.append("<title>").append(xml(v.page().title())).append(" status</title>\n");
    b.append("<updated>").append(iso(updated)).append("</updated>\n");
    b.append("<link rel=\"alternate\" type=\"text/html\" href=\"/status/").append(xml(slug)).append("\"/>\n");
    b.append("<link rel=\"self\" type=\"application/atom+xml\" href=\"/status/").append(xml(slug))
        .append("/feed.atom\"/>\n");
    b.append("<author><name>").append(xml(v.page().title())).append("</name></author>\n");
    for (StatusView.IncidentView i : all) {
      b.append("<entry>\n<id>urn:pingbase:status:").append(xml(slug)).append(":incident:").append(xml(i.id()))
          .append("</id>\n");
      b.append("<title>").append(xml((i.open() ? "" : "[Resolved] ") + i.title())).append("</title>\n");
      b.append("<published>").append(iso(i.started())).append("</published>\n");
      b.append("<updated>").append(iso(updated(i))).append("</updated>\n");
      b.append("<link rel=\"alternate\" type=\"text/html\" href=\"/status/").append(xml(slug)).append("#incident-")
          .append(xml(i.id())).append("\"/>\n");
      StringBuilder text = new StringBuilder();
      for (int u = i.updates().size() - 1; u >= 0; u--) {
        StatusView.Update up = i.updates().get(u);
        text.append(iso(up.at())).append(" ").append(up.status()).append(": ").append(up.message()).append('\n');
      }
      b.append("<content type=\"text\">").append(xml(text.toString().strip())).append("</content>\n</entry>\n");
    }
    return b.append("</feed>\n").toString();
  }

  private static Instant updated(StatusView.IncidentView i) {
    return i.updates().isEmpty() ? i.started() : i.updates().get(i.updates().size() - 1).at();
  }

  private static String iso(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Escapes text for XML, dropping characters XML 1.0 does not allow. */
  static String xml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            if (c < 0xFFFE) {
              b.append(c);
            }
          }
        }
      }
    }
    return b.toString();
  }
}
