package io.pingbase.web.page;

import io.pingbase.account.Caller;
import io.pingbase.account.Role;
import io.pingbase.account.Workspaces;
import java.util.List;

/**
 * What the frame around every page shows: the title, the section the page belongs to, who is
 * signed in, in which workspace, and the CSRF token every form and htmx request sends back.
 *
 * @param caller     null on pages for people who are not signed in (sign-in, setup, public status pages)
 * @param workspaces the caller's workspaces, for the switcher
 */
public record Chrome(String title, String section, Caller caller, List<Workspaces.Joined> workspaces) {
  public Chrome {
    workspaces = workspaces == null ? List.of() : List.copyOf(workspaces);
  }

  /** A page for someone who is not signed in. */
  public static Chrome anonymous(String title) {
    return new Chrome(title, "", null, List.of());
  }

  public boolean signedIn() {
    return caller != null;
  }

  public String csrf() {
    return caller == null || caller.session() == null ? "" : caller.session().csrf();
  }

  /** {@code {"X-CSRF-Token": "..."}} for htmx's {@code hx-headers}: every htmx request sends the token. */
  public String htmxHeaders() {
    return "{\"X-CSRF-Token\": \"" + csrf() + "\"}";
  }

  public String userName() {
    return caller == null || caller.user() == null ? "" : caller.user().name();
  }

  public String workspace() {
    return caller == null ? null : caller.workspaceId();
  }

  public String workspaceName() {
    String id = workspace();
    return workspaces.stream().filter(w -> w.workspace().id().equals(id)).map(w -> w.workspace().name())
        .findFirst().orElse(id == null ? "" : id);
  }

  public boolean may(String role) {
    return caller != null && caller.hasRole(Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)));
  }

  /** {@code aria-current="page"} for the navigation link of this page's section. */
  public String current(String section) {
    return section.equals(this.section) ? "page" : null;
  }

  public String asset(String name) {
    return Assets.own(name);
  }

  public String htmx() {
    return Assets.HTMX;
  }

  public String htmxSse() {
    return Assets.HTMX_SSE;
  }
}
