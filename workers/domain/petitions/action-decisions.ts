import type { ActionInput } from "../../../schema/api/petitions.ts";
import type { PetitionAction } from "../../../schema/reference/petition-actions.ts";
import type { PetitionRow, Routing } from "../../../schema/tenant/tables.ts";
import { conflict, invalid } from "../../errors.ts";
import { daysBetween, deadlineFor } from "../deadlines/index.ts";
import { type CaseContext, type StaffView, unitSubtree } from "../tenancy/county-context.ts";
import { eligibleStaff, routeTarget, subjectUnit } from "./assignment-guards.ts";
import { CLOSE_BLOCKERS, closeBlockers } from "./lifecycle.ts";

export type Changes = Partial<Omit<PetitionRow, "id" | "tenantId" | "version">>;

export interface Decision {
  changes: Changes;
  note?: string | undefined;
  detail?: Record<string, unknown> | undefined;
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

/**
 * What one action changes on the case and says on its timeline; throws where the rules
 * forbid it (windows, §28, §30, §34), before anything is written.
 */
export async function decide(
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
