package io.pingbase.web.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.pingbase.account.Caller;
import io.pingbase.account.Workspaces;
import io.pingbase.alert.Alerting;
import io.pingbase.alert.ChannelSpec;
import io.pingbase.alert.Outbox;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.web.api.AlertApi;
import io.pingbase.web.api.Requests;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert channels in the browser: the list with a test button per channel, and the form of each
 * type (create, change, delete). Everything goes through {@link AlertApi}'s rules, so the form
 * refuses exactly what the API refuses, naming the same fields.
 */
public final class ChannelPages {
  /** A channel as listed. */
  public record Row(String name, String type, String source, String on, boolean isDefault) {
    public boolean fromFile() {
      return "file".equals(source);
    }
  }

  private final Templates templates;
  private final AlertApi api;
  private final Workspaces workspaces;
  private final ObjectMapper json;

  public ChannelPages(Templates templates, AlertApi api, Workspaces workspaces, ObjectMapper json) {
    this.templates = templates;
    this.api = api;
    this.workspaces = workspaces;
    this.json = json;
  }

  /** GET /channels */
  public void list(Context ctx) {
    list(ctx, 200, null);
  }

  private void list(Context ctx, int status, String error) {
    Caller caller = Requests.caller(ctx);
    List<Row> rows = api.list(caller.workspaceId()).stream().map(c -> new Row(WorkspaceKey.nameOf(c.name()),
        c.kind().type(), api.source(c), c.on().isEmpty() ? "all" : String.join(", ", c.on().stream()
        .map(k -> k.wire()).sorted().toList()), c.isDefault())).toList();
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", new Chrome("Channels", "channels", caller, workspaces.mine(caller)));
    p.put("rows", rows);
    p.put("types", ChannelForm.TYPES);
    p.put("error", error);
    templates.page(ctx, status, "channels.jte", p);
  }

  /** GET /channels/new?type=webhook */
  public void newForm(Context ctx) {
    form(ctx, 200, ChannelForm.blank(type(ctx.queryParam("type"))));
  }

  /** POST /channels */
  public void create(Context ctx) {
    Forms.requireSameSite(ctx);
    String type = type(ctx.formParam("type"));
    try {
      ChannelSpec spec = api.create(Requests.workspace(ctx), ChannelForm.document(json, ctx, type, null, null));
      Requests.auditTarget(ctx, WorkspaceKey.nameOf(spec.name()));
      ctx.redirect("/channels", HttpStatus.SEE_OTHER);
    } catch (RuntimeException e) {
      refuse(ctx, e, ChannelForm.posted(ctx, type, null, false, java.util.Set.of()));
    }
  }

  /** GET /channels/{name}/edit */
  public void editForm(Context ctx) {
    ChannelSpec spec = api.find(Requests.workspace(ctx), ctx.pathParam("name"));
    form(ctx, 200, ChannelForm.of(spec));
  }

  /** POST /channels/{name}: secrets left empty are kept; "remove" removes them. */
  public void update(Context ctx) {
    Forms.requireSameSite(ctx);
    String workspace = Requests.workspace(ctx);
    ChannelSpec current = api.find(workspace, ctx.pathParam("name"));
    String name = WorkspaceKey.nameOf(current.name());
    String type = current.kind().type();
    try {
      api.update(workspace, name, ChannelForm.document(json, ctx, type, name, current));
      ctx.redirect("/channels", HttpStatus.SEE_OTHER);
    } catch (RuntimeException e) {
      refuse(ctx, e, ChannelForm.posted(ctx, type, name, true, ChannelForm.of(current).stored()));
    }
  }

  /** POST /channels/{name}/delete: refused (409, shown on the list) while monitors or groups use it. */
  public void delete(Context ctx) {
    Forms.requireSameSite(ctx);
    try {
      api.delete(Requests.workspace(ctx), ctx.pathParam("name"));
      ctx.redirect("/channels", HttpStatus.SEE_OTHER);
    } catch (RuntimeException e) {
      if (!Forms.showsInForm(e)) {
        throw e;
      }
      list(ctx, Forms.status(e), e.getMessage());
    }
  }

  /** POST /channels/{name}/test (htmx): sends a test notification, says in place whether it went out. */
  public void test(Context ctx) {
    Alerting.TestResult result = api.test(Requests.workspace(ctx), ctx.pathParam("name"));
    Map<String, Object> p = new HashMap<>();
    p.put("sent", result.status() == Outbox.Status.DELIVERED);
    p.put("summary", result.delivery().summary());
    p.put("millis", result.millis());
    templates.fragment(ctx, "channel-test.jte", p);
  }

  private void refuse(Context ctx, RuntimeException e, ChannelForm form) {
    if (!Forms.showsInForm(e)) {
      throw e;
    }
    form(ctx, Forms.status(e), form.refused(e));
  }

  private void form(Context ctx, int status, ChannelForm form) {
    Caller caller = Requests.caller(ctx);
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", new Chrome(form.editing() ? "Change " + form.name() : "New channel", "channels", caller,
        workspaces.mine(caller)));
    p.put("form", form);
    templates.page(ctx, status, "channel-form.jte", p);
  }

  private static String type(String t) {
    return t != null && ChannelForm.TYPES.contains(t) ? t : "webhook";
  }
}
