import type { ActionInput } from "../../../schema/api/petitions.ts";
import { ACTION_LABELS, type PetitionAction } from "../../../schema/reference/petition-actions.ts";
import type { PetitionRow } from "../../../schema/tenant/tables.ts";
import { ApiError, conflict, notFound } from "../../errors.ts";
import { batchWithAudit, errorText } from "../../storage/audit.ts";
import { insertPetitionNoticeStatement } from "../../storage/petition-notices.ts";
import {
  findVisiblePetition,
  insertEventStatement,
  updatePetitionStatement,
} from "../../storage/petitions.ts";
import { mustActStatements } from "../notify/case-notices.ts";
import { loadNotificationSettings } from "../notify/settings-store.ts";
import { searchIndexStatements, searchTextChanged } from "../search/index-case.ts";
import type { CaseContext, StaffView } from "../tenancy/county-context.ts";
import { type Changes, type Decision, decide } from "./action-decisions.ts";
import { caseClocks, clockColumns, clockFacts } from "./clocks.ts";
import { availableActions, isPossible, mayTake, nextStatus } from "./lifecycle.ts";
import { owedNotice, petitionerNoticeStatements } from "./petitioner-notices.ts";

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

export const staleCase = () => conflict("案件已被他人更新，请刷新后重试");
