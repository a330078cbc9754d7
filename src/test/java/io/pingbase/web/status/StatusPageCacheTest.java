package io.pingbase.web.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.statuspage.StatusPage;
import io.pingbase.testing.SettableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** When the cache builds a page again: after a change, after its age, after the page is forgotten; never otherwise. */
class StatusPageCacheTest {
  static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  final SettableClock clock = new SettableClock(T0);
  final StatusPageCache cache = new StatusPageCache(clock);
  final AtomicInteger builds = new AtomicInteger();
  final StatusPage page = new StatusPage(7, "default", "acme", null, "Acme", null, StatusPage.Visibility.PUBLIC, null,
      false, List.of(), null, null, null, ZoneOffset.UTC, StatusPage.Theme.AUTO);

  StatusPageCache.Rendered get() {
    return cache.get(page, StatusPageCache.Kind.HTML,
        p -> new StatusPageCache.Built("<p>build " + builds.incrementAndGet() + "</p>", "text/html"));
  }

  @Test
  void aPageIsBuiltOnceUntilItChangesOrAges() throws IOException {
    StatusPageCache.Rendered first = get();
    assertThat(get()).isSameAs(first);
    assertThat(builds).hasValue(1);
    assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(first.gzip())).readAllBytes(),
        StandardCharsets.UTF_8)).isEqualTo(new String(first.plain(), StandardCharsets.UTF_8));

    cache.changed(page.id());
    StatusPageCache.Rendered second = get();
    assertThat(builds).hasValue(2);
    assertThat(second.etag()).isNotEqualTo(first.etag());

    clock.set(T0.plus(StatusPageCache.TTL).minusSeconds(1));
    assertThat(get()).isSameAs(second);
    clock.set(T0.plus(StatusPageCache.TTL));
    get();
    assertThat(builds).as("60 s old: built again").hasValue(3);

    cache.changed(page.id() + 1);
    get();
    assertThat(builds).as("another page's change").hasValue(3);

    cache.remove(page.id());
    get();
    assertThat(builds).as("a forgotten page starts over").hasValue(4);
  }
}
