import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { notFound } from "../errors.ts";
import { errorResponse } from "./envelope.ts";
import { bodySizeLimit, isFileUpload, jsonBodyOnly } from "./middleware/json-body.ts";
import { missingPage, pageRoutes } from "./pages.ts";
import { newRouter } from "./router.ts";
import { appointmentRoutes } from "./routes/appointments.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { bookingRoutes } from "./routes/booking.ts";
import { calendarRoutes } from "./routes/calendar.ts";
import { citizenRoutes } from "./routes/citizens.ts";
import { deliveryRoutes } from "./routes/deliveries.ts";
import { mountDocs } from "./routes/docs.ts";
import { documentRoutes } from "./routes/documents.ts";
import { fileThumbnailRoutes } from "./routes/file-thumbnails.ts";
import { fileRoutes } from "./routes/files.ts";
import { healthRoutes } from "./routes/health.ts";
import { inboxRoutes } from "./routes/inbox.ts";
import { jointHandlingRoutes } from "./routes/joint-handling.ts";
import { notificationSettingsRoutes } from "./routes/notification-settings.ts";
import { petitionCorrectionRoutes } from "./routes/petition-corrections.ts";
import { petitionRoutes } from "./routes/petitions.ts";
import { receptionDeskRoutes } from "./routes/reception-desk.ts";
import { receptionDesksRoutes } from "./routes/reception-desks.ts";
import { receptionFieldRoutes } from "./routes/reception-field.ts";
import { receptionPrepareRoutes } from "./routes/reception-prepare.ts";
import { receptionScheduleRoutes } from "./routes/reception-schedule.ts";
import { receptionSheetRoutes } from "./routes/reception-sheets.ts";
import { referenceRoutes } from "./routes/reference.ts";
import { reviewListRoutes } from "./routes/review-list.ts";
import { searchRoutes } from "./routes/search.ts";
import { staffRoutes } from "./routes/staff.ts";
import { statisticsRoutes } from "./routes/statistics.ts";
import { statisticsAnalysisRoutes } from "./routes/statistics-analysis.ts";
import { statisticsExportRoutes } from "./routes/statistics-export.ts";
import { statisticsLeaderRoutes } from "./routes/statistics-leaders.ts";
import { suggestionRoutes } from "./routes/suggestions.ts";
import { supervisionRoutes } from "./routes/supervision.ts";
import { supervisionEarlyRoutes } from "./routes/supervision-early.ts";
import { tenantRoutes } from "./routes/tenants.ts";
import { unitRoutes } from "./routes/units.ts";

/** The whole HTTP surface: API under /api/v1, its docs, and the tenant pages. */
export function createApp() {
  const app = newRouter();
  const stamp = requestId();
  const secure = secureHeaders({ crossOriginEmbedderPolicy: false, xFrameOptions: "DENY" });
  // A WebSocket upgrade hands back the Durable Object's 101 response untouched: headers
  // added to it would copy the response and lose the socket.
  // Chained by hand inside one middleware each: every layer Hono dispatches costs each
  // request, and most requests are body-less reads.
  app.use("*", (c, next) =>
    isUpgrade(c.req.raw)
      ? next()
      : stamp(c, async () => {
          await secure(c, next);
        }),
  );
  // File uploads stream to R2 under the county's own limits, checked by content. A request
  // without a body has nothing for either check to refuse.
  app.use("/api/*", (c, next) =>
    c.req.raw.body === null || isFileUpload(c.req.raw)
      ? next()
      : bodySizeLimit(c, async () => {
          await jsonBodyOnly(c, next);
        }),
  );

  app.route("/api/v1", healthRoutes);
  app.route("/api/v1", authRoutes);
  app.route("/api/v1", tenantRoutes);
  app.route("/api/v1", unitRoutes);
  app.route("/api/v1", staffRoutes);
  app.route("/api/v1", auditRoutes);
  app.route("/api/v1", referenceRoutes);
  app.route("/api/v1", calendarRoutes);
  app.route("/api/v1", petitionRoutes);
  app.route("/api/v1", petitionCorrectionRoutes);
  app.route("/api/v1", reviewListRoutes);
  app.route("/api/v1", supervisionEarlyRoutes);
  app.route("/api/v1", jointHandlingRoutes);
  app.route("/api/v1", citizenRoutes);
  app.route("/api/v1", fileRoutes);
  app.route("/api/v1", fileThumbnailRoutes);
  app.route("/api/v1", searchRoutes);
  app.route("/api/v1", supervisionRoutes);
  app.route("/api/v1", inboxRoutes);
  app.route("/api/v1", deliveryRoutes);
  app.route("/api/v1", notificationSettingsRoutes);
  app.route("/api/v1", receptionScheduleRoutes);
  app.route("/api/v1", receptionDeskRoutes);
  app.route("/api/v1", receptionDesksRoutes);
  app.route("/api/v1", receptionPrepareRoutes);
  app.route("/api/v1", bookingRoutes);
  app.route("/api/v1", appointmentRoutes);
  app.route("/api/v1", receptionFieldRoutes);
  app.route("/api/v1", statisticsRoutes);
  app.route("/api/v1", documentRoutes);
  app.route("/api/v1", statisticsExportRoutes);
  app.route("/api/v1", receptionSheetRoutes);
  app.route("/api/v1", statisticsAnalysisRoutes);
  app.route("/api/v1", statisticsLeaderRoutes);
  app.route("/api/v1", suggestionRoutes);
  mountDocs(app);
  app.route("/", pageRoutes);

  app.notFound((c) =>
    c.req.path.startsWith("/api/") ? errorResponse(notFound("接口"), c) : missingPage(c),
  );
  app.onError(errorResponse);
  return app;
}

export type App = ReturnType<typeof createApp>;

const isUpgrade = (request: Request) =>
  request.headers.get("upgrade")?.toLowerCase() === "websocket";
