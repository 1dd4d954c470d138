import { createRoute } from "@hono/zod-openapi";
import { HumanCheckChallenge, TenantParam } from "../../../schema/api/common.ts";
import {
  EvaluateBody,
  EvaluationView,
  OnlineReviewRequestBody,
  PublicUnits,
  SubmitOnlinePetitionBody,
  SubmitOnlineResult,
  TrackBody,
  TrackedPetition,
} from "../../../schema/api/petitions.ts";
import {
  newChallenge,
  proofOfWorkDifficulty,
  requireHumanCheck,
} from "../../domain/edges/proof-of-work.ts";
import { issueUploadToken } from "../../domain/files/upload-token.ts";
import { flushOutbox } from "../../domain/notify/outbox.ts";
import { formatTrackingCode } from "../../domain/petitioner/tracking-code.ts";
import { registerCase } from "../../domain/petitions/intake.ts";
import {
  evaluate,
  findForPetitioner,
  requestReviewOnline,
  trackedView,
} from "../../domain/petitions/petitioner-access.ts";
import { listUnits } from "../../storage/units.ts";
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
      SubmitOnlineResult,
      "Registered; keep the code with the last four digits of your phone",
    ),
    ...errorResponses(400, 404, 422, 429),
  },
});

const listPublicUnitsRoute = createRoute({
  operationId: "listPublicUnits",
  method: "get",
  path: "/t/{tenant}/public/units",
  tags: ["Citizens"],
  summary: "The county's units a petition can be about (被反映单位), for the online form",
  middleware: citizen,
  request: { params: TenantParam },
  responses: {
    200: jsonContent(PublicUnits, "County office, townships, bureaus"),
    ...errorResponses(404, 429),
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

const requestReviewOnlineRoute = createRoute({
  operationId: "requestReviewOnline",
  method: "post",
  path: "/t/{tenant}/public/review-request",
  tags: ["Citizens"],
  summary: "Ask for a review (复查) or re-review (复核) online, within the window (§35, §36)",
  middleware: citizen,
  request: { params: TenantParam, body: jsonBody(OnlineReviewRequestBody) },
  responses: {
    200: jsonContent(TrackedPetition, "The case after the request"),
    ...errorResponses(400, 404, 409, 429),
  },
});

const challengeRoute = createRoute({
  operationId: "getHumanCheckChallenge",
  method: "get",
  path: "/t/{tenant}/public/challenge",
  tags: ["Citizens"],
  summary: "A proof-of-work challenge for the human check (ALTCHA) of the public forms",
  middleware: citizen,
  request: { params: TenantParam },
  responses: {
    200: jsonContent(
      HumanCheckChallenge,
      "Solve it in the browser and send the payload as `altcha`",
    ),
    ...errorResponses(404, 429),
  },
});

export const citizenRoutes = newRouter()
  .openapi(challengeRoute, async (c) => {
    const scope = c.get("scope");
    const challenge = await newChallenge(
      c.env.DATA_MASTER_KEY,
      scope.tenant,
      await proofOfWorkDifficulty(scope),
    );
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        parameters: challenge.parameters as unknown as Record<string, unknown>,
        ...(challenge.signature && { signature: challenge.signature }),
      },
      200,
    );
  })
  .openapi(submitOnlinePetitionRoute, async (c) => {
    const { altcha, ...body } = c.req.valid("json");
    await requireHumanCheck(c.env, c.get("scope"), altcha);
    const ctx = await countyContext(c);
    const { row } = await registerCase(
      ctx,
      { ...body, channel: "online", receivedAt: ctx.now.toISOString() },
      null,
      c.env,
    );
    return c.json(
      {
        trackingCode: row.trackingCode,
        trackingCodeFormatted: formatTrackingCode(row.trackingCode),
        status: row.status,
        registeredAt: row.registeredAt.toISOString(),
        uploadToken: await issueUploadToken(c.env.DATA_MASTER_KEY, ctx.scope.tenant, row.id),
      },
      201,
    );
  })
  .openapi(listPublicUnitsRoute, async (c) => {
    const items = [];
    for (const unit of await listUnits(c.get("scope"))) {
      if (unit.kind === "village") continue;
      items.push({ id: unit.id, name: unit.name, kind: unit.kind });
    }
    return c.json({ items }, 200);
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
  })
  .openapi(requestReviewOnlineRoute, async (c) => {
    const { altcha, trackingCode, phoneLast4, reason } = c.req.valid("json");
    await requireHumanCheck(c.env, c.get("scope"), altcha);
    const ctx = await countyContext(c);
    const row = await findForPetitioner(ctx, { trackingCode, phoneLast4 });
    const view = await requestReviewOnline(ctx, row, reason);
    await flushOutbox(c.env, ctx.scope, ctx.now);
    return c.json(view, 200);
  });
