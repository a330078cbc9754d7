package io.pingbase.statuspage;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A status page: a workspace's monitors shown to their readers (customers, a team), at
 * {@code /status/<slug>} and optionally on a domain of its own.
 *
 * @param id           stored id; 0 before it is stored
 * @param workspace    the workspace whose monitors it shows
 * @param slug         the page's name in its URL, unique on the server
 * @param domain       a host name that serves this page at {@code /} (matched against the Host
 *                     header); null for none
 * @param passwordHash Argon2id of the password of a {@link Visibility#PASSWORD} page; null otherwise
 * @param showTargets  whether readers see hosts and ports (hidden by default: a status page is not a
 *                     network map)
 * @param sections     what it shows, in order
 * @param logo         an image shown in the header, as a {@code data:image/...;base64,} URL (served by
 *                     PingBase itself, so readers' browsers make no request elsewhere); null for none
 * @param accent       a CSS hex colour for the header (#2457c5); null for the default
 * @param footer       text at the bottom; null for none
 * @param zone         the time zone days are counted in (the 90 daily bars)
 * @param theme        auto (the reader's preference), light or dark
 */
public record StatusPage(long id, String workspace, String slug, String domain, String title, String description,
    Visibility visibility, String passwordHash, boolean showTargets, List<Section> sections, String logo,
    String accent, String footer, ZoneId zone, Theme theme) {

  public static final int MAX_SLUG = 64;
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (MAX_SLUG - 1) + "}");
  private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

  /** Who may read the page. */
  public enum Visibility {
    /** Anyone. */
    PUBLIC,
    /** Whoever knows its password. */
    PASSWORD,
    /** Signed-in members of its workspace. */
    MEMBERS;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Light, dark, or as the reader's system prefers. */
  public enum Theme {
    AUTO, LIGHT, DARK;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A part of the page: the monitors of a group, or monitors by id, under a title.
   *
   * @param group    a group of the workspace's monitors; null when the section lists monitors
   * @param monitors monitor ids within the workspace; empty when the section is a group
   */
  public record Section(String title, String group, List<String> monitors) {
    public Section {
      Objects.requireNonNull(title, "title");
      monitors = monitors == null ? List.of() : List.copyOf(monitors);
      if ((group == null) == monitors.isEmpty()) {
        throw new IllegalArgumentException("a section shows a group or a list of monitors");
      }
    }

    /** As the API and the store write it: {@code {title, group}} or {@code {title, monitors}}. */
    public java.util.Map<String, Object> toMap() {
      return group != null ? java.util.Map.of("title", title, "group", group)
          : java.util.Map.of("title", title, "monitors", monitors);
    }
  }

  public StatusPage {
    Objects.requireNonNull(workspace, "workspace");
    if (!isValidSlug(slug)) {
      throw new IllegalArgumentException("invalid slug: " + slug);
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(visibility, "visibility");
    sections = List.copyOf(sections);
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(theme, "theme");
    if (visibility == Visibility.PASSWORD && passwordHash == null) {
      throw new IllegalArgumentException("a password page needs a password");
    }
    if (accent != null && !HEX.matcher(accent).matches()) {
      throw new IllegalArgumentException("accent must be a colour like #2457c5");
    }
  }

  public static boolean isValidSlug(String slug) {
    return slug != null && SLUG.matcher(slug).matches();
  }

  public static boolean isValidAccent(String accent) {
    return accent != null && HEX.matcher(accent).matches();
  }

  public StatusPage withId(long newId) {
    return new StatusPage(newId, workspace, slug, domain, title, description, visibility, passwordHash, showTargets,
        sections, logo, accent, footer, zone, theme);
  }

  /** Never shows the password hash. */
  @Override
  public String toString() {
    return "StatusPage[" + slug + " of " + workspace + ", " + visibility.wire() + "]";
  }
}
