package io.pingbase.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.pingbase.account.AccountStore;
import io.pingbase.account.Caller;
import io.pingbase.account.Members;
import io.pingbase.account.Tokens;
import io.pingbase.account.Workspaces;
import io.pingbase.web.api.ApiException;
import io.pingbase.web.api.Params;
import io.pingbase.web.api.Requests;
import io.pingbase.web.api.WorkspaceApi;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workspace's settings, for admins: its name, plan and usage, members and their roles,
 * invitations, workspace tokens and the latest audit entries. Members, Tokens and Workspaces check
 * every rule (only owners touch owners, the last owner stays) and write the audit log themselves.
 *
 * <p>A new invitation's link and a new token are shown once, in the page answering the form
 * (200, not cached), never in a URL: only their hashes are stored.
 */
public final class WorkspacePages {
  static final int AUDIT_ENTRIES = 20;

  /** What the page shows; {@code forms} holds the form a refusal answers, by its id (name, invite, token, members). */
  public record View(JsonNode overview, List<Members.Member> members, List<AccountStore.Invitation> invitations,
      List<TokenForms.Row> tokens, List<AccountStore.AuditEntry> audit, Map<String, FormValues> forms,
      String inviteUrl, String invitedEmail, String newToken, long me, InstantSource clock) {
    public FormValues form(String id) {
      return forms.getOrDefault(id, FormValues.EMPTY);
    }

    /** The rename form: as typed after a refusal, else the current name. */
    public FormValues nameForm() {
      return forms.containsKey("name") ? forms.get("name")
          : new FormValues(Map.of("name", overview.path("name").asText()), Map.of());
    }

    public List<String> roles() {
      return TokenForms.roles();
    }

    public String status(AccountStore.Invitation i) {
      return i.accepted() != null ? "accepted" : clock.instant().isBefore(i.expires()) ? "pending" : "expired";
    }
  }

  private final Templates templates;
  private final WorkspaceApi api;
  private final Workspaces workspaces;
  private final Members members;
  private final Tokens tokens;
  private final InstantSource clock;

  public WorkspacePages(Templates templates, WorkspaceApi api, Workspaces workspaces, Members members, Tokens tokens,
      InstantSource clock) {
    this.templates = templates;
    this.api = api;
    this.workspaces = workspaces;
    this.members = members;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** GET /settings/workspace */
  public void show(Context ctx) {
    page(ctx, 200, Map.of(), null, null, null);
  }

  /** POST /settings/workspace/name */
  public void rename(Context ctx) {
    change(ctx, "name", FormValues.of(ctx, "name"), () -> workspaces.rename(Requests.caller(ctx), Forms.field(ctx, "name")));
  }

  /** POST /settings/workspace/members/{user}/role */
  public void setRole(Context ctx) {
    change(ctx, "members", FormValues.EMPTY, () -> members.setRole(Requests.caller(ctx), id(ctx, "user"),
        TokenForms.role(Forms.field(ctx, "role"), "role")));
  }

  /** POST /settings/workspace/members/{user}/remove: admins remove others, anyone leaves. */
  public void removeMember(Context ctx) {
    Caller caller = Requests.caller(ctx);
    long user = id(ctx, "user");
    boolean leaving = caller.user() != null && caller.user().id() == user;
    change(ctx, "members", FormValues.EMPTY, () -> members.remove(caller, user), leaving ? "/" : "/settings/workspace");
  }

  /** POST /settings/workspace/invitations: the page shows the link, once. */
  public void invite(Context ctx) {
    Forms.requireSameSite(ctx);
    FormValues values = FormValues.of(ctx, "email", "role");
    try {
      Members.Invited invited = members.invite(Requests.caller(ctx), Forms.field(ctx, "email"),
          TokenForms.role(values.values().getOrDefault("role", "viewer"), "role"));
      page(ctx, 200, Map.of(), api.inviteUrl(ctx, invited.token()), invited.invitation().email(), null);
    } catch (RuntimeException e) {
      refuse(ctx, e, "invite", values);
    }
  }

  /** POST /settings/workspace/invitations/{id}/revoke */
  public void revokeInvitation(Context ctx) {
    change(ctx, "invitations", FormValues.EMPTY, () -> members.revokeInvitation(Requests.caller(ctx), id(ctx, "id")));
  }

  /** POST /settings/workspace/tokens: a workspace token (acts for no one), shown once. */
  public void createToken(Context ctx) {
    Forms.requireSameSite(ctx);
    FormValues values = FormValues.of(ctx, TokenForms.FIELDS);
    try {
      Tokens.Created created = TokenForms.create(ctx, tokens, Requests.caller(ctx), false, clock);
      page(ctx, 200, Map.of(), null, null, created.secret());
    } catch (RuntimeException e) {
      refuse(ctx, e, "token", values);
    }
  }

  /** POST /settings/workspace/tokens/{id}/revoke: any token of the workspace. */
  public void revokeToken(Context ctx) {
    change(ctx, "tokens", FormValues.EMPTY, () -> tokens.revoke(Requests.caller(ctx), id(ctx, "id")));
  }

  /** A change made by a form: on to the page again (303), or the page with the refusal next to the form. */
  private void change(Context ctx, String form, FormValues values, Runnable change) {
    change(ctx, form, values, change, "/settings/workspace");
  }

  private void change(Context ctx, String form, FormValues values, Runnable change, String next) {
    Forms.requireSameSite(ctx);
    try {
      change.run();
      ctx.redirect(next, HttpStatus.SEE_OTHER);
    } catch (RuntimeException e) {
      refuse(ctx, e, form, values);
    }
  }

  private void refuse(Context ctx, RuntimeException e, String form, FormValues values) {
    if (!Forms.showsInForm(e)) {
      throw e;
    }
    page(ctx, Forms.status(e), Map.of(form, values.refused(e)), null, null, null);
  }

  private void page(Context ctx, int status, Map<String, FormValues> forms, String inviteUrl, String invited,
      String newToken) {
    Caller caller = Requests.caller(ctx);
    View view = new View(api.overview(caller), members.list(caller), members.invitations(caller),
        TokenForms.rows(tokens.list(caller), clock), api.audit(caller, AUDIT_ENTRIES), forms, inviteUrl, invited,
        newToken, caller.user() == null ? -1 : caller.user().id(), clock);
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", new Chrome("Workspace", "workspace", caller, workspaces.mine(caller)));
    p.put("view", view);
    templates.page(ctx, status, "workspace.jte", p);
  }

  /** A numeric path parameter; anything else names nothing (404). */
  static long id(Context ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new ApiException(404, "nothing with id " + Params.quote(raw));
    }
  }
}
