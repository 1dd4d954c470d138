import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { notFound } from "../errors.ts";
import { errorResponse } from "./envelope.ts";
import { bodySizeLimit, jsonBodyOnly } from "./middleware/json-body.ts";
import { missingPage, pageRoutes } from "./pages.ts";
import { newRouter } from "./router.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { calendarRoutes } from "./routes/calendar.ts";
import { citizenRoutes } from "./routes/citizens.ts";
import { mountDocs } from "./routes/docs.ts";
import { healthRoutes } from "./routes/health.ts";
import { notifyRoutes } from "./routes/notify.ts";
import { petitionRoutes } from "./routes/petitions.ts";
import { referenceRoutes } from "./routes/reference.ts";
import { staffRoutes } from "./routes/staff.ts";
import { tenantRoutes } from "./routes/tenants.ts";
import { unitRoutes } from "./routes/units.ts";

/** The whole HTTP surface: API under /api/v1, its docs, and the tenant pages. */
export function createApp() {
  const app = newRouter();
  app.use("*", requestId(), secureHeaders({ crossOriginEmbedderPolicy: false }));
  app.use("/api/*", bodySizeLimit, jsonBodyOnly);

  app.route("/api/v1", healthRoutes);
  app.route("/api/v1", authRoutes);
  app.route("/api/v1", tenantRoutes);
  app.route("/api/v1", unitRoutes);
  app.route("/api/v1", staffRoutes);
  app.route("/api/v1", auditRoutes);
  app.route("/api/v1", referenceRoutes);
  app.route("/api/v1", calendarRoutes);
  app.route("/api/v1", petitionRoutes);
  app.route("/api/v1", citizenRoutes);
  app.route("/api/v1", notifyRoutes);
  mountDocs(app);
  app.route("/", pageRoutes);

  app.notFound((c) =>
    c.req.path.startsWith("/api/") ? errorResponse(notFound("接口"), c) : missingPage(c),
  );
  app.onError(errorResponse);
  return app;
}

export type App = ReturnType<typeof createApp>;
