package io.pingbase.web.page;

/** The handlers of the web UI's pages, one object per area; WebServer lists their routes. */
public record Pages(Templates templates, SignInPages signIn, DashboardPage dashboard, MonitorPages monitors,
    ChannelPages channels, MaintenancePages maintenance, WorkspacePages workspace, AccountPages account,
    io.pingbase.web.status.StatusPageHandlers status, io.pingbase.web.status.StatusPageEditor statusEditor) {}
