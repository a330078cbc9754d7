package io.pingbase.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pingbase.account.AccountSettings;
import io.pingbase.account.AccountStore;
import io.pingbase.account.Caller;
import io.pingbase.account.Members;
import io.pingbase.account.PlanLimits;
import io.pingbase.account.Role;
import io.pingbase.account.Scope;
import io.pingbase.account.Tokens;
import io.pingbase.account.Workspaces;
import io.pingbase.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A workspace and its people: workspaces (list, create, the current one with its plan and usage,
 * rename, delete), members, invitations, API tokens and the audit log.
 */
public final class WorkspaceApi {
  private static final int MAX_AUDIT = 1000;

  /** What a workspace holds now, for its plan's limits and for refusing to delete it while not empty. */
  public interface Usage {
    int monitors(String workspace);

    int channels(String workspace);

    int maintenanceWindows(String workspace);
  }

  private final Workspaces workspaces;
  private final Members members;
  private final Tokens tokens;
  private final AccountStore store;
  private final Usage usage;
  private final Supplier<AccountSettings> settings;
  private final Supplier<String> publicUrl;
  private final InstantSource clock;
  private final ObjectMapper json;

  /** @param publicUrl {@code server.public-url}, read per request; null: links use the request's Host */
  public WorkspaceApi(Workspaces workspaces, Members members, Tokens tokens, AccountStore store, Usage usage,
      Supplier<AccountSettings> settings, Supplier<String> publicUrl, InstantSource clock, ObjectMapper json) {
    this.workspaces = workspaces;
    this.members = members;
    this.tokens = tokens;
    this.store = store;
    this.usage = usage;
    this.settings = settings;
    this.publicUrl = publicUrl;
    this.clock = clock;
    this.json = json;
  }

  // ---- workspaces

  /** GET /api/v1/workspaces: the caller's workspaces. */
  public void list(Context ctx) {
    ObjectNode n = json.createObjectNode();
    ArrayNode items = n.putArray("workspaces");
    workspaces.mine(Requests.caller(ctx)).forEach(j -> items.add(view(json, j)));
    n.put("count", items.size());
    ctx.json(n);
  }

  /** POST /api/v1/workspaces {id?, name}: a new workspace owned by the caller. */
  public void create(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "the workspace", Set.of("id", "name"));
    String id = b.text("id", false, 100);
    String name = b.text("name", true, 300);
    b.done();
    AccountStore.Workspace w = workspaces.create(Requests.caller(ctx), id, name);
    ctx.status(201).json(view(json, new Workspaces.Joined(w, Role.OWNER, settings.get().planOf(w.id()))));
  }

  /** GET /api/v1/workspace: the current workspace, its plan's limits and what it uses of them. */
  public void current(Context ctx) {
    ctx.json(overview(Requests.caller(ctx)));
  }

  /** The caller's current workspace: id, name, role, plan, the plan's limits and what it uses of them. */
  public ObjectNode overview(Caller caller) {
    ObjectNode n = view(json, workspaces.current(caller));
    PlanLimits limits = settings.get().limitsOf(caller.workspaceId());
    ObjectNode l = n.putObject("limits");
    putLimit(l, "monitors", limits.monitors());
    l.put("min-interval", limits.minInterval() == null ? null : Durations.format(limits.minInterval()));
    putLimit(l, "status-pages", limits.statusPages());
    l.put("retention", limits.retention() == null ? null : Durations.format(limits.retention()));
    ObjectNode u = n.putObject("usage");
    u.put("monitors", usage.monitors(caller.workspaceId()));
    u.put("channels", usage.channels(caller.workspaceId()));
    u.put("maintenance-windows", usage.maintenanceWindows(caller.workspaceId()));
    return n;
  }

  /** PUT /api/v1/workspace {name} */
  public void rename(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "the workspace", Set.of("id", "name", "role", "plan", "limits",
        "usage", "created"));
    String name = b.text("name", true, 300);
    JsonNode id = b.node("id");
    Caller caller = Requests.caller(ctx);
    if (id != null && !id.isNull() && !caller.workspaceId().equals(id.asText())) {
      b.error("id", "ids cannot be changed; was " + id);
    }
    b.done();
    AccountStore.Workspace w = workspaces.rename(caller, name);
    ctx.json(view(json, new Workspaces.Joined(w, caller.role(), settings.get().planOf(w.id()))));
  }

  /** DELETE /api/v1/workspace: owners only, once it holds nothing. */
  public void delete(Context ctx) {
    Caller caller = Requests.caller(ctx);
    String ws = caller.workspaceId();
    java.util.List<String> left = new java.util.ArrayList<>();
    count(left, usage.monitors(ws), "monitor");
    count(left, usage.channels(ws), "channel");
    count(left, usage.maintenanceWindows(ws), "maintenance window");
    workspaces.delete(caller, left.isEmpty() ? null : String.join(", ", left));
    ctx.status(204);
  }

  private static void count(java.util.List<String> out, int n, String what) {
    if (n > 0) {
      out.add(n + " " + what + (n == 1 ? "" : "s"));
    }
  }

  static ObjectNode view(ObjectMapper json, Workspaces.Joined j) {
    ObjectNode n = json.createObjectNode();
    n.put("id", j.workspace().id());
    n.put("name", j.workspace().name());
    n.put("role", j.role() == null ? null : j.role().wire());
    n.put("plan", j.plan());
    Views.putInstant(n, "created", j.workspace().created());
    return n;
  }

  private static void putLimit(ObjectNode n, String key, Integer value) {
    if (value == null) {
      n.putNull(key);
    } else {
      n.put(key, value);
    }
  }

  // ---- members and invitations

  /** GET /api/v1/members */
  public void members(Context ctx) {
    ObjectNode n = json.createObjectNode();
    ArrayNode items = n.putArray("members");
    members.list(Requests.caller(ctx)).forEach(m -> items.add(member(m)));
    n.put("count", items.size());
    ctx.json(n);
  }

  /** PUT /api/v1/members/{user} {role} */
  public void setRole(Context ctx) {
    long user = userId(ctx);
    Bodies b = Bodies.read(ctx, json, "the member", Set.of("role", "user-id", "email", "name",
        "two-factor"));
    Role role = b.role("role", null);
    if (role == null && (b.node("role") == null || b.node("role").isNull())) {
      b.error("role", "is required");
    }
    b.done();
    ctx.json(member(members.setRole(Requests.caller(ctx), user, role)));
  }

  /** DELETE /api/v1/members/{user}: admins remove others; anyone may leave. */
  public void removeMember(Context ctx) {
    members.remove(Requests.caller(ctx), userId(ctx));
    ctx.status(204);
  }

  private ObjectNode member(Members.Member m) {
    ObjectNode n = json.createObjectNode();
    n.put("user-id", m.userId());
    n.put("email", m.email());
    n.put("name", m.name());
    n.put("role", m.role().wire());
    n.put("two-factor", m.twoFactor());
    return n;
  }

  private static long userId(Context ctx) {
    return longParam(ctx, "user", "no member with user id");
  }

  /** GET /api/v1/invitations */
  public void invitations(Context ctx) {
    ObjectNode n = json.createObjectNode();
    ArrayNode items = n.putArray("invitations");
    members.invitations(Requests.caller(ctx)).forEach(i -> items.add(invitation(i)));
    n.put("count", items.size());
    ctx.json(n);
  }

  /** POST /api/v1/invitations {email, role}: the link is in the answer, once. */
  public void invite(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "the invitation", Set.of("email", "role"));
    String email = b.text("email", true, 300);
    Role role = b.role("role", Role.VIEWER);
    b.done();
    Members.Invited invited = members.invite(Requests.caller(ctx), email, role);
    ObjectNode n = invitation(invited.invitation());
    n.put("token", invited.token());
    n.put("invite-url", inviteUrl(ctx, invited.token()));
    ctx.status(201).header("Cache-Control", "no-store").json(n);
  }

  /**
   * The link that accepts an invitation: {@code server.public-url} (else this request's address),
   * with the token in the fragment, which browsers never send to a server (or its logs).
   */
  public String inviteUrl(Context ctx, String token) {
    String base = publicUrl.get() != null ? publicUrl.get() : Requests.baseUrl(ctx);
    return base + "/invite#" + token;
  }

  /** DELETE /api/v1/invitations/{id} */
  public void revokeInvitation(Context ctx) {
    members.revokeInvitation(Requests.caller(ctx), longParam(ctx, "id", "no invitation with id"));
    ctx.status(204);
  }

  private ObjectNode invitation(AccountStore.Invitation i) {
    ObjectNode n = json.createObjectNode();
    n.put("id", i.id());
    n.put("email", i.email());
    n.put("role", i.role().wire());
    n.put("invited-by", i.invitedBy());
    Views.putInstant(n, "created", i.created());
    Views.putInstant(n, "expires", i.expires());
    Views.putInstant(n, "accepted", i.accepted());
    n.put("status", i.accepted() != null ? "accepted" : clock.instant().isBefore(i.expires()) ? "pending" : "expired");
    return n;
  }

  // ---- API tokens

  /** GET /api/v1/tokens */
  public void tokens(Context ctx) {
    ObjectNode n = json.createObjectNode();
    ArrayNode items = n.putArray("tokens");
    tokens.list(Requests.caller(ctx)).forEach(t -> items.add(token(t)));
    n.put("count", items.size());
    ctx.json(n);
  }

  /**
   * POST /api/v1/tokens {name, kind?: personal|workspace, role?, scopes?: [read, write], expires? | expires-in?}:
   * the token is in the answer, once.
   */
  public void createToken(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "the token", Set.of("name", "kind", "role", "scopes", "expires",
        "expires-in"));
    String name = b.text("name", true, 300);
    String kind = b.text("kind", false, 20);
    if (kind != null && !kind.equals("personal") && !kind.equals("workspace")) {
      b.error("kind", "must be personal (acts for you) or workspace (acts for no one; admins only), was "
          + Params.quote(kind));
    }
    Role role = b.role("role", null);
    Set<Scope> scopes = scopes(b);
    Instant expires = expires(b);
    b.done();
    Tokens.Created created = tokens.create(Requests.caller(ctx), name, !"workspace".equals(kind), role, scopes, expires);
    ObjectNode n = token(created.token());
    n.put("token", created.secret());
    ctx.status(201).header("Cache-Control", "no-store").json(n);
  }

  /** DELETE /api/v1/tokens/{id}: revokes (the token stays listed as revoked). */
  public void revokeToken(Context ctx) {
    ctx.json(token(tokens.revoke(Requests.caller(ctx), longParam(ctx, "id", "no token with id"))));
  }

  private Set<Scope> scopes(Bodies b) {
    JsonNode node = b.node("scopes");
    Set<Scope> out = EnumSet.noneOf(Scope.class);
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray() || node.isEmpty()) {
      b.error("scopes", "must be a non-empty list of read and write");
      return out;
    }
    for (JsonNode s : node) {
      if (s.isTextual() && (s.asText().equals("read") || s.asText().equals("write"))) {
        out.add(Scope.ofWire(s.asText()));
      } else {
        b.error("scopes", "must hold read and/or write, found " + Params.quote(s.toString()));
      }
    }
    if (out.contains(Scope.WRITE) && !out.contains(Scope.READ)) {
      b.error("scopes", "write needs read too: a token that may change things may also read them");
    }
    return out;
  }

  private Instant expires(Bodies b) {
    String at = b.text("expires", false, 64);
    String in = b.text("expires-in", false, 32);
    if (at != null && in != null) {
      b.error("expires", "give expires (an instant) or expires-in (a duration), not both");
      return null;
    }
    if (at != null) {
      try {
        Instant i = Instant.parse(at);
        if (i.isAfter(Params.MAX_INSTANT)) {
          b.error("expires", "must be before " + Params.MAX_INSTANT);
          return null;
        }
        return i;
      } catch (DateTimeParseException e) {
        b.error("expires", "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z, was " + Params.quote(at));
        return null;
      }
    }
    if (in != null) {
      try {
        Duration d = Durations.parse(in);
        if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(3660)) > 0) {
          b.error("expires-in", "must be between 1m and 3660d, was " + Params.quote(in));
          return null;
        }
        return clock.instant().plus(d);
      } catch (IllegalArgumentException e) {
        b.error("expires-in", e.getMessage());
      }
    }
    return null;
  }

  private ObjectNode token(AccountStore.Token t) {
    ObjectNode n = json.createObjectNode();
    n.put("id", t.id());
    n.put("prefix", t.prefix());
    n.put("name", t.name());
    n.put("kind", t.userId() == null ? "workspace" : "personal");
    if (t.userId() == null) {
      n.putNull("user-id");
    } else {
      n.put("user-id", t.userId());
    }
    n.put("role", t.role().wire());
    ArrayNode scopes = n.putArray("scopes");
    t.scopes().stream().sorted().forEach(s -> scopes.add(s.wire()));
    Views.putInstant(n, "created", t.created());
    Views.putInstant(n, "expires", t.expires());
    Views.putInstant(n, "revoked", t.revoked());
    Views.putInstant(n, "last-used", t.lastUsed());
    Instant now = clock.instant();
    n.put("status", t.revoked() != null ? "revoked" : t.expires() != null && !now.isBefore(t.expires()) ? "expired"
        : "active");
    return n;
  }

  // ---- audit log

  /** GET /api/v1/audit?limit=: newest first (admins). */
  public void audit(Context ctx) {
    int limit = Params.integer(ctx, "limit", 100, 1, MAX_AUDIT);
    ObjectNode n = json.createObjectNode();
    ArrayNode items = n.putArray("entries");
    for (AccountStore.AuditEntry e : audit(Requests.caller(ctx), limit)) {
      ObjectNode o = items.addObject();
      o.put("id", e.id());
      Views.putInstant(o, "at", e.at());
      o.put("actor", e.actor());
      o.put("action", e.action());
      o.put("target", e.target());
      o.put("detail", e.detail());
    }
    n.put("count", items.size());
    ctx.json(n);
  }

  /** The latest {@code limit} entries of the caller's workspace's audit log, newest first (admins). */
  public java.util.List<AccountStore.AuditEntry> audit(Caller caller, int limit) {
    caller.requireRole(Role.ADMIN);
    return store.auditLog(caller.workspaceId(), Math.max(1, Math.min(limit, MAX_AUDIT)));
  }

  /** A numeric path parameter; anything else names nothing: 404 "{@code notFound} <value>". */
  private static long longParam(Context ctx, String name, String notFound) {
    String raw = ctx.pathParam(name);
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new ApiException(404, notFound + " " + Params.quote(raw));
    }
  }
}
