import type { SupervisionUpdate } from "../../../schema/api/notifications.ts";
import type { SupervisionRow } from "../../../schema/tenant/tables.ts";
import { ApiError, notFound } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { findSupervision, updateSupervisionStatement } from "../../storage/notify.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import type { Viewer } from "../../storage/visibility.ts";

/**
 * Records one step of 督办 (a form used, a note, or resolving it) on the supervision's
 * history, audited, and refuses a step taken on a record someone else changed meanwhile.
 * A supervision of a case the viewer may not see reads as one that does not exist.
 */
export async function updateSupervision(
  scope: TenantScope,
  viewer: Viewer,
  supervisionId: string,
  step: SupervisionUpdate,
  now: Date,
): Promise<SupervisionRow> {
  const actorId = viewer.staffId;
  const row = await findSupervision(scope, viewer, supervisionId);
  if (!row) throw notFound("该督办记录");
  const status = step.status ?? row.status;
  const history = [
    ...row.history,
    { at: now.toISOString(), by: actorId, form: step.form, note: step.note, status: step.status },
  ];
  const [changed] = await batchWithAudit(
    scope,
    [
      updateSupervisionStatement(scope, row.id, row.updatedAt, {
        status,
        form: step.form ?? row.form,
        history,
        resolvedAt: status === "resolved" ? (row.resolvedAt ?? now) : null,
      }),
    ],
    {
      actorId,
      action: "supervision.update",
      targetType: "supervision",
      targetId: row.id,
      detail: step,
    },
    now,
  );
  if ((changed as D1Result | undefined)?.meta.changes === 0) {
    throw new ApiError("CONFLICT", "督办记录已被他人更新，请刷新后重试");
  }
  const updated = await findSupervision(scope, viewer, row.id);
  if (!updated) throw notFound("该督办记录");
  return updated;
}
