// 建议登记: the county office's own suggestions to other organs and whether they were adopted.
import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  CreateSuggestionBody,
  RecordSuggestionOutcomeBody,
  Suggestion,
  SuggestionList,
  SuggestionListQuery,
  SuggestionParam,
} from "../../../schema/api/suggestions.ts";
import { assertMayWrite, readableUnits } from "../../domain/suggestions/register.ts";
import { conflict, invalid, notFound } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { findVisibleByTrackingCode } from "../../storage/petitions.ts";
import {
  findSuggestion,
  insertSuggestionStatement,
  listSuggestions,
  recordOutcomeStatement,
} from "../../storage/suggestions.ts";
import { caseRequest } from "../case-request.ts";
import { requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";
import { decode, encode, isDrillCursor } from "./statistics.ts";

const signedIn = [tenantContext, requireStaff];
const base = "/t/{tenant}/suggestions";
const forOffice =
  "The county office's staff read the whole register, a unit's staff what was sent to their unit or below; the office's leaders, 督办员 and administrators write it.";

const createSuggestionRoute = createRoute({
  operationId: "createSuggestion",
  method: "post",
  path: base,
  tags: ["Statistics"],
  summary:
    "Register a suggestion the office sent (改进工作建议 / 完善政策建议), its answer pending",
  description: `${forOffice} A related case is named by tracking code; one you may not see answers 404 exactly as one that does not exist.`,
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam, body: jsonBody(CreateSuggestionBody) },
  responses: {
    201: jsonContent(Suggestion, "Registered"),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

const listSuggestionsRoute = createRoute({
  operationId: "listSuggestions",
  method: "get",
  path: base,
  tags: ["Statistics"],
  summary: "The office's suggestions, newest sent first, in keyset pages",
  description: `${forOffice} A related case you may not see is shown as none.`,
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam, query: SuggestionListQuery },
  responses: {
    200: jsonContent(SuggestionList, "A page of the register"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const getSuggestionRoute = createRoute({
  operationId: "getSuggestion",
  method: "get",
  path: `${base}/{suggestionId}`,
  tags: ["Statistics"],
  summary: "One suggestion with its answer",
  description: `${forOffice} A related case you may not see is shown as none.`,
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam.extend(SuggestionParam.shape) },
  responses: {
    200: jsonContent(Suggestion, "The suggestion"),
    ...errorResponses(401, 403, 404),
  },
});

const recordOutcomeRoute = createRoute({
  operationId: "recordSuggestionOutcome",
  method: "put",
  path: `${base}/{suggestionId}/outcome`,
  tags: ["Statistics"],
  summary: "Record the unit's answer: 采纳, 部分采纳 or 未采纳, the day it answered, a note",
  description: `${forOffice} Only onto the version read (409 otherwise); a later answer replaces an earlier one.`,
  security: staffSecurity,
  middleware: signedIn,
  request: {
    params: TenantParam.extend(SuggestionParam.shape),
    body: jsonBody(RecordSuggestionOutcomeBody),
  },
  responses: {
    200: jsonContent(Suggestion, "The suggestion with its answer"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

type Found = NonNullable<Awaited<ReturnType<typeof findSuggestion>>>;

function present({ row, caseId, trackingCode }: Found): Suggestion {
  return {
    id: row.id,
    kind: row.kind,
    unitId: row.unitId,
    sentOn: row.sentOn,
    title: row.title,
    content: row.content,
    relatedCase: caseId && trackingCode ? { id: caseId, trackingCode } : null,
    outcome: row.outcome,
    answeredOn: row.answeredOn,
    outcomeNote: row.outcomeNote,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

/** Days in the register are CST calendar days, none after today. */
function notLaterThanToday(path: string, day: string, today: string) {
  if (day.localeCompare(today) > 0) throw invalid(path, "日期不能晚于今天");
}

export const suggestionRoutes = newRouter()
  .openapi(createSuggestionRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    assertMayWrite(viewer);
    const body = c.req.valid("json");
    if (!ctx.units.some((u) => u.id === body.unitId)) throw invalid("unitId", "请选择本县的单位");
    notLaterThanToday("sentOn", body.sentOn, ctx.today);
    let petitionId: string | null = null;
    if (body.trackingCode) {
      const found = await findVisibleByTrackingCode(
        ctx.scope,
        viewer,
        body.trackingCode.replace(/[\s-]/g, "").toUpperCase(),
      );
      if (!found) throw notFound("该案件");
      petitionId = found.id;
    }
    const id = crypto.randomUUID();
    const row = {
      id,
      kind: body.kind,
      unitId: body.unitId,
      sentOn: body.sentOn,
      title: body.title,
      content: body.content,
      petitionId,
      createdBy: viewer.staffId,
    };
    await batchWithAudit(
      ctx.scope,
      [insertSuggestionStatement(ctx.scope, row, ctx.now)],
      {
        actorId: viewer.staffId,
        action: "suggestion.create",
        targetType: "suggestion",
        targetId: id,
        detail: {
          kind: row.kind,
          unitId: row.unitId,
          sentOn: row.sentOn,
          title: row.title,
          petitionId,
        },
      },
      ctx.now,
    );
    const created = await findSuggestion(ctx.scope, viewer, id, null);
    if (!created) throw notFound("该建议");
    return c.json(present(created), 201);
  })
  .openapi(listSuggestionsRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const query = c.req.valid("query");
    const limit = query.limit ?? 30;
    const after = decode(query.cursor, isDrillCursor);
    const rows = await listSuggestions(ctx.scope, viewer, {
      units: readableUnits(viewer),
      year: query.year,
      outcome: query.outcome,
      after: after && { sentOn: after.day, id: after.id },
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map(present);
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last ? encode({ day: last.sentOn, id: last.id }) : null;
    return c.json({ items, nextCursor }, 200);
  })
  .openapi(getSuggestionRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const { suggestionId } = c.req.valid("param");
    const found = await findSuggestion(ctx.scope, viewer, suggestionId, readableUnits(viewer));
    if (!found) throw notFound("该建议");
    return c.json(present(found), 200);
  })
  .openapi(recordOutcomeRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const { suggestionId } = c.req.valid("param");
    // Not sent to the writer's unit: as if it did not exist; sent there: not theirs to answer.
    const found = await findSuggestion(ctx.scope, viewer, suggestionId, readableUnits(viewer));
    if (!found) throw notFound("该建议");
    assertMayWrite(viewer);
    const body = c.req.valid("json");
    if (found.row.version !== body.version) throw conflict("该建议已被他人更新，请刷新后重试");
    notLaterThanToday("answeredOn", body.answeredOn, ctx.today);
    if (body.answeredOn.localeCompare(found.row.sentOn) < 0) {
      throw invalid("answeredOn", "反馈日期不能早于建议发出日期");
    }
    const [changed] = await batchWithAudit(
      ctx.scope,
      [
        recordOutcomeStatement(
          ctx.scope,
          found.row.id,
          body.version,
          { outcome: body.outcome, answeredOn: body.answeredOn, outcomeNote: body.note ?? null },
          ctx.now,
        ),
      ],
      {
        actorId: viewer.staffId,
        action: "suggestion.outcome",
        targetType: "suggestion",
        targetId: found.row.id,
        detail: { from: found.row.outcome, ...body },
      },
      ctx.now,
    );
    if ((changed as D1Result | undefined)?.meta.changes === 0) {
      throw conflict("该建议已被他人更新，请刷新后重试");
    }
    const updated = await findSuggestion(ctx.scope, viewer, found.row.id, null);
    if (!updated) throw notFound("该建议");
    return c.json(present(updated), 200);
  });
