import { createRoute, z } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  EvaluateBody,
  EvaluationView,
  SubmitOnlinePetitionBody,
  TrackBody,
  TrackedPetition,
} from "../../../schema/api/petitions.ts";
import { formatTrackingCode } from "../../domain/petitioner/tracking-code.ts";
import { registerPetition } from "../../domain/petitions/intake.ts";
import {
  evaluate,
  findForPetitioner,
  trackedView,
} from "../../domain/petitions/petitioner-access.ts";
import { countyContext } from "../case-request.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter } from "../router.ts";

const citizen = [publicRateLimit, tenantContext];

const submitOnlinePetitionRoute = createRoute({
  operationId: "submitOnlinePetition",
  method: "post",
  path: "/t/{tenant}/public/petitions",
  tags: ["Citizens"],
  summary: "A citizen petitions online (网上信访) and receives a tracking code (查询码)",
  middleware: citizen,
  request: { params: TenantParam, body: jsonBody(SubmitOnlinePetitionBody) },
  responses: {
    201: jsonContent(
      z.object({
        trackingCode: z.string(),
        trackingCodeFormatted: z.string(),
        status: z.string(),
        registeredAt: z.iso.datetime(),
      }),
      "Registered; keep the code with the last four digits of your phone",
    ),
    ...errorResponses(400, 404, 422, 429),
  },
});

const trackPetitionRoute = createRoute({
  operationId: "trackPetition",
  method: "post",
  path: "/t/{tenant}/public/track",
  tags: ["Citizens"],
  summary: "Follow a petition with its tracking code and the last four digits of the phone (§21)",
  middleware: citizen,
  request: { params: TenantParam, body: jsonBody(TrackBody) },
  responses: {
    200: jsonContent(TrackedPetition, "Status, timeline, deadlines and the written reply"),
    ...errorResponses(400, 404, 429),
  },
});

const evaluatePetitionRoute = createRoute({
  operationId: "evaluatePetition",
  method: "post",
  path: "/t/{tenant}/public/evaluate",
  tags: ["Citizens"],
  summary: "Rate the handling unit and the petition office, separately, after the reply",
  middleware: citizen,
  request: { params: TenantParam, body: jsonBody(EvaluateBody) },
  responses: {
    200: jsonContent(EvaluationView, "The evaluation"),
    ...errorResponses(400, 404, 409, 429),
  },
});

export const citizenRoutes = newRouter()
  .openapi(submitOnlinePetitionRoute, async (c) => {
    const ctx = await countyContext(c);
    const body = c.req.valid("json");
    const row = await registerPetition(
      ctx,
      { ...body, channel: "online", receivedAt: ctx.now.toISOString() },
      null,
    );
    return c.json(
      {
        trackingCode: row.trackingCode,
        trackingCodeFormatted: formatTrackingCode(row.trackingCode),
        status: row.status,
        registeredAt: row.registeredAt.toISOString(),
      },
      201,
    );
  })
  .openapi(trackPetitionRoute, async (c) => {
    const ctx = await countyContext(c);
    const row = await findForPetitioner(ctx, c.req.valid("json"));
    return c.json(await trackedView(ctx, row), 200);
  })
  .openapi(evaluatePetitionRoute, async (c) => {
    const ctx = await countyContext(c);
    const { trackingCode, phoneLast4, ...rating } = c.req.valid("json");
    const row = await findForPetitioner(ctx, { trackingCode, phoneLast4 });
    return c.json(await evaluate(ctx, row, rating), 200);
  });
