import { createRoute, z } from "@hono/zod-openapi";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { errorResponses, jsonContent, newRouter } from "../router.ts";

const getHealth = createRoute({
  operationId: "getHealth",
  method: "get",
  path: "/health",
  tags: ["Platform"],
  summary: "Liveness check",
  middleware: [publicRateLimit],
  responses: {
    200: jsonContent(z.object({ status: z.literal("ok") }), "The Worker is up"),
    ...errorResponses(429),
  },
});

export const healthRoutes = newRouter().openapi(getHealth, (c) =>
  c.json({ status: "ok" as const }, 200),
);
