import type { ActionInput } from "../../../schema/api/petitions.ts";
import { ACTION_LABELS, type PetitionAction } from "../../../schema/reference/petition-actions.ts";
import type { PetitionRow, Routing, StaffRow } from "../../../schema/tenant/tables.ts";
import { ApiError, conflict, invalid, notFound } from "../../errors.ts";
import { batchWithAudit, errorText } from "../../storage/audit.ts";
import { insertPetitionNoticeStatement } from "../../storage/petition-notices.ts";
import {
  findVisiblePetition,
  insertEventStatement,
  insertRecusalStatement,
  isRecused,
  updatePetitionStatement,
} from "../../storage/petitions.ts";
import { findStaff } from "../../storage/staff.ts";
import { cstDate, daysBetween, deadlineFor } from "../deadlines/index.ts";
import { mustActStatements } from "../notify/case-notices.ts";
import { loadNotificationSettings } from "../notify/settings-store.ts";
import { searchIndexStatements, searchTextChanged } from "../search/index-case.ts";
import { type CaseContext, type StaffView, unitSubtree } from "../tenancy/county-context.ts";
import { type ClockFacts, caseClocks, clockColumns } from "./clocks.ts";
import {
  availableActions,
  CLOSE_BLOCKERS,
  closeBlockers,
  isPossible,
  mayTake,
  nextStatus,
} from "./lifecycle.ts";
import { owedNotice, petitionerNoticeStatements } from "./petitioner-notices.ts";

type Changes = Partial<Omit<PetitionRow, "id" | "tenantId" | "version">>;

interface Decision {
  changes: Changes;
  note?: string | undefined;
  detail?: Record<string, unknown> | undefined;
}

/**
 * Takes one action on a case: checks that the state allows it (409 with what is allowed)
 * and that this person may take it (403), applies it, recomputes the clocks, and writes
 * the case, its timeline entry and the audit entry in one batch that fails whole if the
 * case changed since it was read.
 */
export async function takeAction<A extends PetitionAction>(
  ctx: CaseContext,
  viewer: StaffView,
  petitionId: string,
  action: A,
  input: ActionInput[A],
): Promise<PetitionRow> {
  const row = await findVisiblePetition(ctx.scope, viewer, petitionId);
  if (!row) throw notFound("该信访事项");
  if (input.version !== undefined && input.version !== row.version) throw staleCase();
  if (!isPossible(action, row.status)) {
    throw conflict(`当前状态下不能${ACTION_LABELS[action]}`, {
      status: row.status,
      allowedActions: availableActions(row.status, viewer, row),
    });
  }
  if (!mayTake(action, viewer, row)) {
    throw new ApiError("FORBIDDEN", `您无权对此案件${ACTION_LABELS[action]}`);
  }

  const decision = await decide(ctx, viewer, row, action, input as ActionInput[PetitionAction]);
  const status = nextStatus(action, row.status);
  const after = { ...row, ...decision.changes, status };
  const changes: Changes = {
    ...decision.changes,
    status,
    ...clockColumns(caseClocks(clockFacts(after), ctx.policy, ctx.calendar), ctx.policy),
    updatedAt: ctx.now,
  };

  const written = { ...row, ...changes, version: row.version + 1 } as PetitionRow;
  const told = await toldStatements(ctx, viewer, action, row, written, decision);

  try {
    await batchWithAudit(
      ctx.scope,
      [
        updatePetitionStatement(ctx.scope, row.id, row.version, changes),
        insertEventStatement(ctx.scope, {
          petitionId: row.id,
          version: row.version + 1,
          at: ctx.now,
          action,
          fromStatus: row.status,
          toStatus: status,
          actorId: viewer.staffId,
          actorUnitId: viewer.unitId,
          note: decision.note,
          detail: decision.detail,
        }),
        // Whatever the action changed of what the case is found by (its reply, its holder,
        // its subject) is searchable with it.
        ...(searchTextChanged(ctx, row, written) ? searchIndexStatements(ctx, written) : []),
        ...told,
      ],
      {
        actorId: viewer.staffId,
        action: `petition.${action}`,
        targetType: "petition",
        targetId: row.id,
        detail: { from: row.status, to: status, version: row.version + 1 },
      },
      ctx.now,
    );
  } catch (error) {
    if (
      /petition_events\.version|UNIQUE constraint failed: petition_events/.test(errorText(error))
    ) {
      throw staleCase();
    }
    throw error;
  }
  return written;
}

/**
 * Everyone the step concerns, told in the batch that takes it: the people who must act
 * next, and the petitioner of what they are owed (recorded on the case as a notice).
 */
async function toldStatements(
  ctx: CaseContext,
  viewer: StaffView,
  action: PetitionAction,
  before: PetitionRow,
  after: PetitionRow,
  decision: Decision,
) {
  const settings = await loadNotificationSettings(ctx.scope, ctx.keys);
  const owed = owedNotice(ctx, action, after, {
    reason: decision.note ?? undefined,
    days: typeof decision.detail?.days === "number" ? decision.detail.days : undefined,
  });
  if (action === "recordNotice") {
    const { method } = decision.detail as { method: "letter" | "in_person" };
    return [
      insertPetitionNoticeStatement(ctx.scope, {
        petitionId: after.id,
        kind: before.status,
        method,
        content: decision.note ?? "",
        at: ctx.now,
        recordedBy: viewer.staffId,
      }),
    ];
  }
  return [
    ...(await mustActStatements(ctx, settings, viewer, action, before, after)),
    ...(owed ? await petitionerNoticeStatements(ctx, settings, after, owed) : []),
  ];
}

const SATISFACTION_WORDS = {
  satisfied: "满意",
  basically_satisfied: "基本满意",
  unsatisfied: "不满意",
} as const;

/** The petitioner's online evaluation, in words, as their opinion on the handling. */
function evaluationOpinion(row: PetitionRow): string {
  const e = row.evaluation;
  if (!e) return "";
  const comment = e.comment ? `；意见：${e.comment}` : "";
  return `信访人网上评价：对承办单位${SATISFACTION_WORDS[e.handlingUnit]}，对信访部门${SATISFACTION_WORDS[e.office]}${comment}`;
}

const staleCase = () => conflict("案件已被他人更新，请刷新后重试");

export function clockFacts(row: PetitionRow): ClockFacts {
  return {
    status: row.status,
    receivedOn: row.receivedOn,
    registeredOn: cstDate(row.registeredAt),
    noticeOwed: row.noticeOwed,
    noticedOn: row.noticedOn,
    firstPetition: row.flags.firstPetition,
    routing: row.routing ?? null,
    extensionDays: row.extensionDays,
    pausedDays: row.pausedDays,
    repliedOn: row.repliedOn,
    reviewRequestedOn: row.reviewRequestedOn,
    reReviewRequestedOn: row.reReviewRequestedOn,
    evaluated: row.evaluation !== null,
    upstreamDue: row.upstreamDue,
  };
}

async function decide(
  ctx: CaseContext,
  viewer: StaffView,
  row: PetitionRow,
  action: PetitionAction,
  input: ActionInput[PetitionAction],
): Promise<Decision> {
  const today = ctx.today;
  switch (action) {
    case "accept": {
      const { note, subjectUnitId } = input as ActionInput["accept"];
      const routing: Routing = {
        kind: "accept",
        toUnitId: row.responsibleUnitId,
        fromUnitId: row.responsibleUnitId,
        on: today,
      };
      if (subjectUnitId === undefined || subjectUnitId === row.subjectUnitId) {
        return { changes: { routing }, note };
      }
      return {
        changes: { routing, subjectUnitId: await subjectUnit(ctx, viewer, row, subjectUnitId) },
        note,
        detail: { subjectUnitId, previousSubjectUnitId: row.subjectUnitId },
      };
    }
    case "decline": {
      const { reason, ground } = input as ActionInput["decline"];
      return { changes: {}, note: reason, detail: { ground } };
    }
    case "forward":
    case "assign": {
      const body = input as ActionInput["assign"] & { note?: string | undefined };
      const target = routeTarget(ctx, row, body.toUnitId);
      if (body.reportDue && body.reportDue < today)
        throw invalid("reportDue", "办结报告期限不能早于今天");
      const routing: Routing = {
        kind: action,
        toUnitId: target,
        fromUnitId: row.responsibleUnitId,
        on: today,
        ...(action === "assign" && {
          reportDue: body.reportDue ?? deadlineFor("handle", today, ctx.policy, ctx.calendar).due,
        }),
        ...(body.instructions && { instructions: body.instructions }),
      };
      // A confidential case goes to a unit; its people see it only once a handler is named.
      return {
        changes: { routing, responsibleUnitId: target, handlerId: null },
        note: body.note ?? body.instructions,
        detail: { toUnitId: target, reportDue: routing.reportDue },
      };
    }
    case "object": {
      const { reason } = input as ActionInput["object"];
      const routing = row.routing;
      if (!routing) throw conflict("案件尚未转送或交办");
      const objectionWindow = deadlineFor("objection", routing.on, ctx.policy, ctx.calendar).due;
      if (today > objectionWindow) {
        throw conflict(
          `异议应在收到之日起 ${ctx.policy.objection.days} 个工作日内提出（已于 ${objectionWindow} 届满）`,
        );
      }
      return {
        changes: {
          routing: { ...routing, objection: { reason, on: today, byUnitId: viewer.unitId } },
          // The sender decides on the objection: the case returns to it.
          responsibleUnitId: routing.fromUnitId,
          handlerId: null,
        },
        note: reason,
      };
    }
    case "reply": {
      const body = input as ActionInput["reply"];
      const stage =
        row.status === "under_review"
          ? "review"
          : row.status === "under_re_review"
            ? "reReview"
            : "first";
      return {
        changes: {
          reply: { ...body, stage, on: today, unitId: row.responsibleUnitId },
          repliedOn: today,
        },
        detail: { outcome: body.outcome, stage },
      };
    }
    case "extend": {
      const { days, reason } = input as ActionInput["extend"];
      const total = row.extensionDays + days;
      if (total > ctx.policy.extensionMax.days) {
        throw invalid("days", `延期累计不得超过 ${ctx.policy.extensionMax.days} 日（第三十四条）`);
      }
      // Approving clears the handler's pending request (whatever the days approved).
      return {
        changes: { extensionDays: total, extensionRequest: null },
        note: reason,
        detail: { days, total, ...(row.extensionRequest && { requested: row.extensionRequest }) },
      };
    }
    case "requestExtension": {
      const { days, reason } = input as ActionInput["requestExtension"];
      if (row.extensionRequest) throw conflict("已有待审批的延期申请");
      if (row.extensionDays + days > ctx.policy.extensionMax.days) {
        throw invalid("days", `延期累计不得超过 ${ctx.policy.extensionMax.days} 日（第三十四条）`);
      }
      return {
        changes: { extensionRequest: { days, reason, on: today, by: viewer.staffId } },
        note: reason,
        detail: { days },
      };
    }
    case "refuseExtension": {
      const { reason } = input as ActionInput["refuseExtension"];
      if (!row.extensionRequest) throw conflict("没有待审批的延期申请");
      return {
        changes: { extensionRequest: null },
        note: reason,
        detail: { requested: row.extensionRequest },
      };
    }
    case "acceptReport":
    case "sendBack": {
      const routing = row.routing;
      if (!routing || routing.kind === "accept" || row.reply?.stage !== "first") {
        throw conflict("只有转送、交办的事项需要审核办结报告");
      }
      const report = routing.report ?? {};
      if (action === "acceptReport") {
        const { note } = input as ActionInput["acceptReport"];
        return {
          changes: { routing: { ...routing, report: { ...report, acceptedOn: today } } },
          note,
        };
      }
      const { reason, reportDue } = input as ActionInput["sendBack"];
      if (reportDue <= today) throw invalid("reportDue", "重新办结的期限应晚于今天");
      const sentBack = [...(report.sentBack ?? []), { reason, on: today, reportDue }];
      // 发回重办: the unit handles it again from today, its answer withdrawn for review.
      return {
        changes: {
          routing: { ...routing, on: today, reportDue, report: { sentBack } },
          reply: null,
          repliedOn: null,
        },
        note: reason,
        detail: { reportDue },
      };
    }
    case "requestReview":
    case "requestReReview": {
      const body = input as ActionInput["requestReview"];
      const requestedOn = body.requestedOn ?? today;
      if (requestedOn > today) throw invalid("requestedOn", "申请日期不能晚于今天");
      const key = action === "requestReview" ? "reviewRequest" : "reReviewRequest";
      const window = row.repliedOn
        ? deadlineFor(key, row.repliedOn, ctx.policy, ctx.calendar).due
        : today;
      if (requestedOn > window) {
        throw conflict(
          `申请期限已于 ${window} 届满（第三十五、三十六条）；如有新的事实和理由，可作为新的信访事项登记`,
        );
      }
      return {
        changes:
          action === "requestReview"
            ? { reviewRequestedOn: requestedOn }
            : { reReviewRequestedOn: requestedOn, pausedDays: 0 },
        note: body.note,
        detail: { requestedOn },
      };
    }
    case "recordHearing": {
      const { startedOn, endedOn, note } = input as ActionInput["recordHearing"];
      if (endedOn < startedOn) throw invalid("endedOn", "听证结束日期不能早于开始日期");
      if (row.reReviewRequestedOn && startedOn < row.reReviewRequestedOn) {
        throw invalid("startedOn", "听证应在复核申请之后");
      }
      const paused = daysBetween(startedOn, endedOn) + 1;
      return {
        changes: { pausedDays: row.pausedDays + paused },
        note,
        detail: { startedOn, endedOn, paused },
      };
    }
    case "assignOwner": {
      const { leaderId } = input as ActionInput["assignOwner"];
      const leader = await eligibleStaff(ctx, row, leaderId, "leaderId");
      if (!leader.roles.includes("leader")) throw invalid("leaderId", "包案领导须为领导干部");
      return { changes: { ownerLeaderId: leader.id, ownerSignedOff: false }, detail: { leaderId } };
    }
    case "designateHandler": {
      const { handlerId } = input as ActionInput["designateHandler"];
      const handler = await eligibleStaff(ctx, row, handlerId, "handlerId");
      if (!handler.roles.some((r) => r === "handler" || r === "leader")) {
        throw invalid("handlerId", "承办人须具有承办人或领导干部角色");
      }
      if (
        !unitSubtree(ctx.units, row.responsibleUnitId).includes(handler.unitId) &&
        !viewer.inCountyOffice
      ) {
        throw invalid("handlerId", "承办人须为承办单位人员");
      }
      return { changes: { handlerId: handler.id }, detail: { handlerId } };
    }
    case "signOff": {
      const { note } = input as ActionInput["signOff"];
      return { changes: { ownerSignedOff: true }, note };
    }
    case "close": {
      const body = input as ActionInput["close"];
      // The petitioner's own online evaluation is their opinion when staff record none.
      const petitionerOpinion = body.petitionerOpinion.trim() || evaluationOpinion(row);
      const blockers = closeBlockers({
        factsClear: body.factsClear,
        handled: body.handled,
        ownerSignedOff: row.ownerLeaderId === null || row.ownerSignedOff,
        petitionerOpinionRecorded: petitionerOpinion.length > 0,
        fileComplete: body.fileComplete,
      });
      if (blockers.length > 0) {
        throw conflict(`不能结案：${blockers.map((b) => CLOSE_BLOCKERS[b]).join("、")}`, {
          blockers,
        });
      }
      return {
        changes: {
          closure: {
            on: today,
            method: body.method,
            petitionerOpinion,
            ...(body.summary && { summary: body.summary }),
          },
        },
        note: body.summary,
        detail: { method: body.method },
      };
    }
    case "recordFollowUp": {
      const { note, visitedOn } = input as ActionInput["recordFollowUp"];
      if (visitedOn && visitedOn > today) throw invalid("visitedOn", "回访日期不能晚于今天");
      return { changes: {}, note, detail: { visitedOn: visitedOn ?? today } };
    }
    case "reportUpward": {
      const { reportedOn, note } = input as ActionInput["reportUpward"];
      if (!row.sourceLevel) throw conflict("本事项不是上级交办、转送的事项");
      if (row.upstreamReportedOn) throw conflict(`已于 ${row.upstreamReportedOn} 报送办结报告`);
      const on = reportedOn ?? today;
      if (on > today) throw invalid("reportedOn", "报送日期不能晚于今天");
      return { changes: { upstreamReportedOn: on }, note, detail: { reportedOn: on } };
    }
    case "recordNotice": {
      const { method, content } = input as ActionInput["recordNotice"];
      // A recorded notice meets the notice clocks (§23; the receiving unit's too).
      return { changes: { noticedOn: today }, note: content, detail: { method } };
    }
  }
}

/**
 * The county office sets or corrects whom an accusation is about when it accepts it; no
 * one already on the case may belong to that unit.
 */
async function subjectUnit(
  ctx: CaseContext,
  viewer: StaffView,
  row: PetitionRow,
  subjectUnitId: string,
): Promise<string> {
  if (!viewer.inCountyOffice) {
    throw invalid("subjectUnitId", "被检举控告单位由县信访局在受理时确定");
  }
  if (!ctx.units.some((u) => u.id === subjectUnitId)) {
    throw invalid("subjectUnitId", "被反映单位不存在");
  }
  const accused = unitSubtree(ctx.units, subjectUnitId);
  for (const staffId of [row.handlerId, row.ownerLeaderId]) {
    if (!staffId) continue;
    const member = await findStaff(ctx.scope, staffId);
    if (member && accused.includes(member.unitId)) {
      throw invalid("subjectUnitId", "本案承办人或包案领导属于被检举控告单位，请先更换");
    }
  }
  return subjectUnitId;
}

/** §30 needs to know whom an accusation is about before anyone else may be put on it. */
function requireSubject(row: PetitionRow, path: string) {
  if (row.confidential && !row.subjectUnitId) {
    throw invalid(
      path,
      "检举控告事项尚未确定被检举控告单位：请县信访局在受理时确定后，再转送、交办或指定人员",
    );
  }
}

function routeTarget(ctx: CaseContext, row: PetitionRow, toUnitId: string) {
  const unit = ctx.units.find((u) => u.id === toUnitId);
  if (!unit) throw invalid("toUnitId", "承办单位不存在");
  if (unit.id === row.responsibleUnitId) throw invalid("toUnitId", "不能转送或交办给本单位");
  requireSubject(row, "toUnitId");
  // §30: an accusation never goes to the unit it accuses.
  if (
    row.confidential &&
    row.subjectUnitId &&
    unitSubtree(ctx.units, row.subjectUnitId).includes(unit.id)
  ) {
    throw invalid("toUnitId", "检举控告材料不得转送、交办给被检举控告的单位（第三十条）");
  }
  return unit.id;
}

/**
 * Someone to own or handle the case: of this county, enabled, not recused (§28), and for
 * an accusation not of the accused unit (§30).
 */
async function eligibleStaff(
  ctx: CaseContext,
  row: PetitionRow,
  staffId: string,
  path: string,
): Promise<StaffRow> {
  requireSubject(row, path);
  const member = await findStaff(ctx.scope, staffId);
  if (!member || member.disabled) throw invalid(path, "人员不存在或已停用");
  if (await isRecused(ctx.scope, row.id, staffId))
    throw invalid(path, "该人员已申请回避本案（第二十八条）");
  if (
    row.confidential &&
    row.subjectUnitId &&
    unitSubtree(ctx.units, row.subjectUnitId).includes(member.unitId)
  ) {
    throw invalid(path, "被检举控告单位的人员不得接触本案（第三十条）");
  }
  return member;
}

/**
 * Declares a conflict of interest (§28). Anyone may declare their own; a tenant admin or
 * the county office's supervisor may mark someone else. A recused handler or owner is
 * taken off the case in the same batch.
 */
export async function declareRecusal(
  ctx: CaseContext,
  viewer: StaffView,
  petitionId: string,
  input: { staffId?: string | undefined; reason: string },
) {
  const row = await findVisiblePetition(ctx.scope, viewer, petitionId);
  if (!row) throw notFound("该信访事项");
  const staffId = input.staffId ?? viewer.staffId;
  if (staffId !== viewer.staffId) {
    const marksOthers =
      viewer.roles.includes("tenant_admin") ||
      (viewer.inCountyOffice && viewer.roles.includes("supervisor"));
    if (!marksOthers) throw new ApiError("FORBIDDEN", "只能由本人申请回避，或由管理员、督办员标记");
    if (!(await findStaff(ctx.scope, staffId))) throw invalid("staffId", "人员不存在");
  }
  const removal: Changes = {
    ...(row.handlerId === staffId && { handlerId: null }),
    ...(row.ownerLeaderId === staffId && { ownerLeaderId: null, ownerSignedOff: false }),
  };
  const statements = [
    insertRecusalStatement(ctx.scope, {
      petitionId: row.id,
      staffId,
      reason: input.reason,
      declaredBy: viewer.staffId,
      at: ctx.now,
    }),
    ...(Object.keys(removal).length > 0
      ? [
          updatePetitionStatement(ctx.scope, row.id, row.version, {
            ...removal,
            updatedAt: ctx.now,
          }),
          insertEventStatement(ctx.scope, {
            petitionId: row.id,
            version: row.version + 1,
            at: ctx.now,
            action: "recuse",
            fromStatus: row.status,
            toStatus: row.status,
            actorId: viewer.staffId,
            actorUnitId: viewer.unitId,
            detail: { staffId },
          }),
        ]
      : []),
  ];
  try {
    await batchWithAudit(
      ctx.scope,
      statements,
      {
        actorId: viewer.staffId,
        action: "petition.recuse",
        targetType: "petition",
        targetId: row.id,
        detail: { staffId, reason: input.reason },
      },
      ctx.now,
    );
  } catch (error) {
    if (/petition_events/.test(errorText(error))) throw staleCase();
    throw error;
  }
  return { petitionId: row.id, staffId };
}
