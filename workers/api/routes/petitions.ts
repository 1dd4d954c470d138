import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  ActionBodies,
  CheckPetitionBody,
  CheckPetitionResult,
  CreatePetitionBody,
  ListPetitionsQuery,
  Petition,
  PetitionPage,
  PetitionParam,
  RecusalBody,
  RecusalRecorded,
} from "../../../schema/api/petitions.ts";
import { ACTION_PATHS, type PetitionAction } from "../../../schema/reference/petition-actions.ts";
import type { PetitionRow } from "../../../schema/tenant/tables.ts";
import { endOfCstDay } from "../../domain/deadlines/index.ts";
import { flushOutbox } from "../../domain/notify/outbox.ts";
import { takeAction } from "../../domain/petitions/actions.ts";
import { registerCase, registeredEvent } from "../../domain/petitions/intake.ts";
import { previewFlags } from "../../domain/petitions/intake-flags.ts";
import { declareRecusal } from "../../domain/petitions/recusal.ts";
import { presentPetition, presentSummary, visibleFlagRefs } from "../../domain/petitions/view.ts";
import type { CaseContext, StaffView } from "../../domain/tenancy/county-context.ts";
import { invalid, notFound } from "../../errors.ts";
import { appendAudit } from "../../storage/audit.ts";
import { findOpenSupervision, recordedAlerts } from "../../storage/notify.ts";
import { listPetitionNotices } from "../../storage/petition-notices.ts";
import { findVisiblePetition, listEvents, listVisiblePetitions } from "../../storage/petitions.ts";
import type { Reader } from "../../storage/visibility.ts";
import { caseRequest } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const signedIn = [tenantContext, requireStaff];
const PetitionParams = TenantParam.extend(PetitionParam.shape);

/** The full case for this viewer; reading a confidential case is itself audited. */
export async function caseBody(
  ctx: CaseContext,
  viewer: StaffView,
  row: PetitionRow,
  reader: Reader = viewer,
) {
  if (row.confidential) {
    await appendAudit(
      ctx.scope,
      {
        actorId: viewer.staffId,
        action: "petition.read_confidential",
        targetType: "petition",
        targetId: row.id,
      },
      ctx.now,
    );
  }
  const [alerts, events, notices, open] = await Promise.all([
    recordedAlerts(ctx.scope, reader, row.id),
    listEvents(ctx.scope, reader, row.id),
    listPetitionNotices(ctx.scope, reader, row.id),
    findOpenSupervision(ctx.scope, row.id),
  ]);
  const breaches = alerts.filter((a) => a.mark === "overdue");
  return {
    ...(await presentPetition(ctx, viewer, row, events, breaches, notices)),
    supervision: open
      ? {
          reason: open.reason,
          form: open.form,
          due: open.due,
          openedAt: open.openedAt.toISOString(),
        }
      : null,
  };
}

const createPetitionRoute = createRoute({
  operationId: "createPetition",
  method: "post",
  path: "/t/{tenant}/petitions",
  tags: ["Petitions"],
  summary: "Register a petition from any channel (letter, visit, online, phone, fax, reception)",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("clerk", "handler", "leader", "supervisor")],
  request: { params: TenantParam, body: jsonBody(CreatePetitionBody) },
  responses: {
    201: jsonContent(Petition, "The registered case, its tracking code, flags and deadlines"),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

const listPetitionsRoute = createRoute({
  operationId: "listPetitions",
  method: "get",
  path: "/t/{tenant}/petitions",
  tags: ["Petitions"],
  summary: "Cases you may see, nearest deadline first",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam, query: ListPetitionsQuery },
  responses: {
    200: jsonContent(PetitionPage, "A page of cases"),
    ...errorResponses(400, 401, 404),
  },
});

const getPetitionRoute = createRoute({
  operationId: "getPetition",
  method: "get",
  path: "/t/{tenant}/petitions/{petitionId}",
  tags: ["Petitions"],
  summary: "A case with its timeline, deadlines and the actions you can take",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: PetitionParams },
  responses: { 200: jsonContent(Petition, "The case"), ...errorResponses(401, 404) },
});

const checkRepeatRoute = createRoute({
  operationId: "checkRepeatPetition",
  method: "post",
  path: "/t/{tenant}/petitions/check",
  tags: ["Petitions"],
  summary: "Before saving: is this a repeat, or in progress below (§19)? Nothing is written",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("clerk", "handler", "leader", "supervisor")],
  request: {
    params: TenantParam,
    body: jsonBody(CheckPetitionBody),
  },
  responses: {
    200: jsonContent(CheckPetitionResult, "What intake would flag"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const recusalRoute = createRoute({
  operationId: "declareRecusal",
  method: "post",
  path: "/t/{tenant}/petitions/{petitionId}/recusals",
  tags: ["Petitions"],
  summary: "Declare a conflict of interest (§28): the person can no longer see or act on the case",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: PetitionParams, body: jsonBody(RecusalBody) },
  responses: {
    201: jsonContent(RecusalRecorded, "Recorded"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

function cursorOf(row: PetitionRow) {
  return btoa(JSON.stringify([row.nextDeadlineAt?.getTime() ?? null, row.id]));
}

function parseCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(atob(cursor)) as [number | null, string];
    if ((at === null || typeof at === "number") && typeof id === "string") return { at, id };
  } catch {
    // Falls through to the validation error.
  }
  throw invalid("cursor", "分页游标无效");
}

export const petitionRoutes = newRouter()
  .openapi(createPetitionRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const { row, shown } = await registerCase(ctx, c.req.valid("json"), viewer, c.env);
    // The clerk who registered it sees what they just typed, even for a case they may
    // not open later (an accusation about their own unit, §30).
    const event = { ...registeredEvent(row), tenantId: row.tenantId };
    const body = await presentPetition(ctx, viewer, row, [event], undefined, undefined, shown);
    return c.json(body, 201);
  })
  .openapi(listPetitionsRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const query = c.req.valid("query");
    const limit = query.limit ?? 30;
    const rows = await listVisiblePetitions(ctx.scope, viewer, {
      status: query.status,
      unitId: query.unitId,
      overdueAt: query.overdue === "true" ? ctx.now : undefined,
      dueBefore: query.dueBefore ? endOfCstDay(query.dueBefore) : undefined,
      after: parseCursor(query.cursor),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const refs = await visibleFlagRefs(ctx, viewer, page);
    const items = await Promise.all(page.map((row) => presentSummary(ctx, viewer, row, refs)));
    const last = page.at(-1);
    return c.json({ items, nextCursor: rows.length > limit && last ? cursorOf(last) : null }, 200);
  })
  .openapi(getPetitionRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const row = await findVisiblePetition(ctx.scope, viewer, c.req.valid("param").petitionId);
    if (!row) throw notFound("该信访事项");
    return c.json(await caseBody(ctx, viewer, row), 200);
  })
  .openapi(checkRepeatRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    return c.json(await previewFlags(ctx, c.req.valid("json"), viewer), 200);
  })
  .openapi(recusalRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const result = await declareRecusal(
      ctx,
      viewer,
      c.req.valid("param").petitionId,
      c.req.valid("json"),
    );
    return c.json(result, 201);
  });

/** One route per action: `POST /t/{tenant}/petitions/{petitionId}/<path>`. */
const actionRoutes: [PetitionAction, string, string][] = [
  ["accept", "acceptPetition", "Accept the case for handling by the unit that holds it (受理)"],
  ["decline", "declinePetition", "Decline with reasons (不予受理, §19, §36)"],
  ["forward", "forwardPetition", "Forward to the unit with authority (转送, §22)"],
  ["assign", "assignPetition", "Assign with a deadline and a completion report (交办, §22)"],
  ["object", "objectPetition", "The receiving unit objects within 5 working days (异议, §23)"],
  [
    "reply",
    "replyPetition",
    "Issue the written decision (处理意见书, §32); also answers a review or re-review",
  ],
  ["extend", "extendPetition", "Extend the handling deadline, at most 30 days in all (延期, §34)"],
  ["requestReview", "requestReview", "Register the petitioner's request for review (复查, §35)"],
  [
    "requestReReview",
    "requestReReview",
    "Register the petitioner's request for re-review (复核, §36)",
  ],
  [
    "recordHearing",
    "recordHearing",
    "Record a hearing; its days pause the re-review clock (听证, §36)",
  ],
  ["assignOwner", "assignOwnerLeader", "Name the leader who owns the case (包案)"],
  [
    "designateHandler",
    "designateHandler",
    "Name the handler; for an accusation the only one outside the county office who may see it",
  ],
  ["signOff", "signOffPetition", "The owner leader signs off (包案领导签字)"],
  [
    "close",
    "closePetition",
    "Close the case; refused while any of the five conditions holds (结案)",
  ],
  ["recordFollowUp", "recordFollowUp", "Record a follow-up visit after closing (回访)"],
  [
    "requestExtension",
    "requestExtension",
    "The handler asks the unit's leader to extend (延期申请, §34)",
  ],
  ["refuseExtension", "refuseExtension", "The unit's leader refuses a pending extension request"],
  [
    "acceptReport",
    "acceptCompletionReport",
    "The assigning office accepts the completion report (办结报告审核)",
  ],
  [
    "sendBack",
    "sendBackForRehandling",
    "The assigning office sends the case back with reasons and a new deadline (发回重办)",
  ],
  [
    "reportUpward",
    "reportUpward",
    "Record the completion report sent back to the office that handed the case down (办结报告)",
  ],
  [
    "recordNotice",
    "recordPetitionerNotice",
    "Record a notice given by letter or on the spot (告知记录); it meets the §23 notice clock",
  ],
];

for (const [action, operationId, summary] of actionRoutes) {
  const route = createRoute({
    operationId,
    method: "post",
    path: `/t/{tenant}/petitions/{petitionId}/${ACTION_PATHS[action]}`,
    tags: ["Petition actions"],
    summary,
    security: staffSecurity,
    middleware: signedIn,
    request: { params: PetitionParams, body: jsonBody(ActionBodies[action]) },
    responses: {
      200: jsonContent(Petition, "The case after the action"),
      ...errorResponses(400, 401, 403, 404, 409, 422),
    },
  });
  petitionRoutes.openapi(route, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const row = await takeAction(
      ctx,
      viewer,
      c.req.valid("param").petitionId,
      action,
      c.req.valid("json"),
    );
    await flushOutbox(c.env, ctx.scope, ctx.now);
    return c.json(await caseBody(ctx, viewer, row, "actor"), 200);
  });
}
