import { ApiError, invalid, notFound } from "../../errors.ts";
import { batchWithAudit, errorText } from "../../storage/audit.ts";
import {
  findVisiblePetition,
  insertEventStatement,
  insertRecusalStatement,
  updatePetitionStatement,
} from "../../storage/petitions.ts";
import { findStaff } from "../../storage/staff.ts";
import type { CaseContext, StaffView } from "../tenancy/county-context.ts";
import type { Changes } from "./action-decisions.ts";
import { staleCase } from "./actions.ts";

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
