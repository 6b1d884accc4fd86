package io.tbms.report.web;

import io.tbms.report.ReportChannel;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * The report channel's HTTP routes, mounted on the broker's router: {@code GET /api/report} (the
 * cluster's report), {@code GET /api/resources} (devices, replicas and placement advice) and {@code
 * GET /dashboard} (the ops page). Handlers never block the event loop.
 */
public final class ReportRoutes {

  public static final String REPORT_PATH = "/api/report";
  public static final String RESOURCES_PATH = "/api/resources";
  public static final String DASHBOARD_PATH = "/dashboard";

  private ReportRoutes() {}

  /**
   * @param resources the resource manager's snapshot as JSON
   */
  public static void mount(Router router, ReportChannel channel, Supplier<JsonObject> resources, DashboardAssets assets) {
    router.get(REPORT_PATH).handler(ctx -> channel.report()
        .onSuccess(report -> json(ctx, report))
        .onFailure(ctx::fail));
    router.get(RESOURCES_PATH).handler(ctx -> json(ctx, resources.get()));
    // "/dashboard" would match "/dashboard/" too: the page's own route comes first
    router.get(DASHBOARD_PATH + "/").handler(ctx -> asset(ctx, assets, "index.html"));
    router.get(DASHBOARD_PATH).handler(ctx -> ctx.redirect(DASHBOARD_PATH + "/"));
    router.get(DASHBOARD_PATH + "/:file").handler(ctx -> asset(ctx, assets, ctx.pathParam("file")));
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encodePrettily());
  }

  private static void asset(RoutingContext ctx, DashboardAssets assets, String name) {
    assets.get(name).ifPresentOrElse(
        asset -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType())
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
            .end(asset.body()),
        () -> ctx.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
            .end("no such dashboard file: " + name));
  }
}
