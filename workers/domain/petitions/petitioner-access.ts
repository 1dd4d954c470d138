import type { PetitionRow } from "../../../schema/tenant/tables.ts";
import { ApiError, conflict } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { listPetitionNotices } from "../../storage/petition-notices.ts";
import {
  findByTrackingCode,
  insertEventStatement,
  listEvents,
  updatePetitionStatement,
} from "../../storage/petitions.ts";
import { loadReceptionPolicyRow } from "../../storage/reception.ts";
import { listForReviewStatement } from "../../storage/review-list.ts";
import { deadlineFor } from "../deadlines/index.ts";
import { countTrackingMiss, trackingLocked } from "../edges/limits.ts";
import { mustActStatements } from "../notify/case-notices.ts";
import { loadNotificationSettings } from "../notify/settings-store.ts";
import { lastFour } from "../petitioner/phone.ts";
import { normalizeTrackingCode } from "../petitioner/tracking-code.ts";
import { resolveReceptionPolicy } from "../reception/booking-policy.ts";
import type { CaseContext } from "../tenancy/county-context.ts";
import { caseClocks, clockColumns, clockFacts, clockStates } from "./clocks.ts";
import { evaluationView, presentNotice, unsealParties } from "./view.ts";

/**
 * The petitioner's own access (§21): a tracking code and the last four digits of the
 * phone given at registration. A wrong pair is simply not found, whichever half is wrong.
 */
export async function findForPetitioner(
  ctx: CaseContext,
  credentials: { trackingCode: string; phoneLast4: string },
): Promise<PetitionRow> {
  const code = normalizeTrackingCode(credentials.trackingCode);
  const row = code ? await findByTrackingCode(ctx.scope, code) : undefined;
  const phone = row ? (await unsealParties(ctx, row)).petitioner?.phone : undefined;
  const { trackAttemptsPerCase } = resolveReceptionPolicy(await loadReceptionPolicyRow(ctx.scope));
  // Four digits are guessed in at most 10,000 tries, so a case locks for the day after a
  // few wrong ones, whichever addresses they come from. A locked case answers exactly as a
  // wrong pair does, and every miss costs the same one write, known case or not.
  const locked = row ? await trackingLocked(ctx, row.id, trackAttemptsPerCase) : false;
  if (!row || !phone || locked || lastFour(phone) !== credentials.phoneLast4) {
    await countTrackingMiss(ctx, row?.id ?? "unknown");
    throw new ApiError("NOT_FOUND", "没有查到：请核对查询码和手机号后四位");
  }
  return row;
}

/** Public actions shown on the tracking page; staff and their names are never shown. */
const PUBLIC_ACTIONS = new Set([
  "register",
  "accept",
  "decline",
  "forward",
  "assign",
  "reply",
  "extend",
  "requestReview",
  "requestReReview",
  "recordHearing",
  "close",
  "evaluate",
]);

export async function trackedView(ctx: CaseContext, row: PetitionRow) {
  const unitName = (id: string | null) => ctx.units.find((u) => u.id === id)?.name ?? null;
  const [events, notices] = await Promise.all([
    listEvents(ctx.scope, "petitioner", row.id),
    listPetitionNotices(ctx.scope, "petitioner", row.id),
  ]);
  const extended = events.findLast((e) => e.action === "extend");
  return {
    trackingCode: row.trackingCode,
    status: row.status,
    channel: row.channel,
    categoryName: ctx.taxonomy.name(row.categoryCode),
    receivedOn: row.receivedOn,
    registeredAt: row.registeredAt.toISOString(),
    responsibleUnitName: unitName(row.responsibleUnitId) ?? "",
    timeline: events
      .filter((e) => PUBLIC_ACTIONS.has(e.action))
      .map((e) => ({
        at: e.at.toISOString(),
        action: e.action,
        toStatus: e.toStatus,
        unitName: unitName(e.actorUnitId),
      })),
    deadlines: clockStates(row.deadlines, ctx.today, ctx.calendar),
    reply: row.reply
      ? {
          stage: row.reply.stage,
          request: row.reply.request,
          factsAndReasons: row.reply.factsAndReasons,
          decision: row.reply.decision,
          legalBasis: row.reply.legalBasis,
          outcome: row.reply.outcome,
          on: row.reply.on,
          unitName: unitName(row.reply.unitId) ?? "",
        }
      : null,
    evaluation: evaluationView(ctx, row),
    extension:
      extended && row.extensionDays > 0
        ? {
            days: row.extensionDays,
            reason: extended.note ?? "",
            due: row.deadlines.handle?.due ?? extended.detail?.due?.toString() ?? "",
          }
        : null,
    notices: notices.map(presentNotice),
    reviewWindow: reviewWindow(ctx, row),
  };
}

/** §35–§36: a review may be asked for after a first reply, a re-review after a review. */
function reviewWindow(ctx: CaseContext, row: PetitionRow) {
  if (!row.repliedOn || (row.status !== "replied" && row.status !== "reviewed")) return null;
  const kind = row.status === "replied" ? "review" : "reReview";
  const key = kind === "review" ? "reviewRequest" : "reReviewRequest";
  const closesOn = deadlineFor(key, row.repliedOn, ctx.policy, ctx.calendar).due;
  return ctx.today > closesOn ? null : ({ kind, closesOn } as const);
}

/**
 * The petitioner asks for a review or re-review online within the window: the case moves
 * as if the office registered the request that day, and the people who must act are told.
 */
export async function requestReviewOnline(ctx: CaseContext, row: PetitionRow, reason: string) {
  const window = reviewWindow(ctx, row);
  if (!window) throw conflict("当前不能在网上申请复查或复核：申请期限已过，或尚未收到处理意见书");
  const action = window.kind === "review" ? "requestReview" : "requestReReview";
  const status = window.kind === "review" ? "under_review" : "under_re_review";
  const after: PetitionRow = {
    ...row,
    status,
    ...(window.kind === "review"
      ? { reviewRequestedOn: ctx.today }
      : { reReviewRequestedOn: ctx.today, pausedDays: 0 }),
  };
  const clocks = clockColumns(caseClocks(clockFacts(after), ctx.policy, ctx.calendar), ctx.policy);
  const written = { ...after, ...clocks, updatedAt: ctx.now, version: row.version + 1 };
  const settings = await loadNotificationSettings(ctx.scope, ctx.keys);
  await batchWithAudit(
    ctx.scope,
    [
      updatePetitionStatement(ctx.scope, row.id, row.version, {
        status,
        reviewRequestedOn: written.reviewRequestedOn,
        reReviewRequestedOn: written.reReviewRequestedOn,
        pausedDays: written.pausedDays,
        ...clocks,
        updatedAt: ctx.now,
      }),
      insertEventStatement(ctx.scope, {
        petitionId: row.id,
        version: row.version + 1,
        at: ctx.now,
        action,
        fromStatus: row.status,
        toStatus: status,
        actorId: null,
        actorUnitId: null,
        note: reason,
        detail: { requestedOn: ctx.today, online: true },
      }),
      ...(await mustActStatements(ctx, settings, null, action, row, written)),
    ],
    {
      actorId: null,
      action: `petition.${action}`,
      targetType: "petition",
      targetId: row.id,
      detail: { online: true },
    },
    ctx.now,
  );
  return trackedView(ctx, written);
}

export type Satisfaction = "satisfied" | "basically_satisfied" | "unsatisfied";

/** The petitioner rates the handling unit and the petition office separately, once. */
export async function evaluate(
  ctx: CaseContext,
  row: PetitionRow,
  rating: { handlingUnit: Satisfaction; office: Satisfaction; comment?: string | undefined },
) {
  const window = evaluationView(ctx, row);
  if (window.status === "done") throw conflict("该事项已评价");
  if (window.status === "not_open") throw conflict("收到处理意见书后才能评价");
  if (window.status === "expired") throw conflict(`评价期限已于 ${window.closesOn} 届满`);
  const evaluation = { ...rating, at: ctx.now.toISOString() };
  const unsatisfied = rating.handlingUnit === "unsatisfied" || rating.office === "unsatisfied";
  const after = { ...row, evaluation };
  const clocks = clockColumns(caseClocks(clockFacts(after), ctx.policy, ctx.calendar), ctx.policy);
  await batchWithAudit(
    ctx.scope,
    [
      updatePetitionStatement(ctx.scope, row.id, row.version, {
        evaluation,
        ...clocks,
        updatedAt: ctx.now,
      }),
      insertEventStatement(ctx.scope, {
        petitionId: row.id,
        version: row.version + 1,
        at: ctx.now,
        action: "evaluate",
        fromStatus: row.status,
        toStatus: row.status,
        actorId: null,
        actorUnitId: null,
        detail: { handlingUnit: rating.handlingUnit, office: rating.office },
      }),
      // 不满意 puts the case on the office's review list (逐案评查).
      ...(unsatisfied ? [listForReviewStatement(ctx.scope, row.id, "unsatisfied", ctx.now)] : []),
    ],
    {
      actorId: null,
      action: "petition.evaluate",
      targetType: "petition",
      targetId: row.id,
      detail: { handlingUnit: rating.handlingUnit, office: rating.office },
    },
    ctx.now,
  );
  return evaluationView(ctx, after);
}
