import type { FieldCases } from "../../../schema/api/reception.ts";
import { ApiError, conflict, notFound } from "../../errors.ts";
import {
  deleteFieldCaseStatement,
  insertFieldCaseStatement,
  listFieldCases,
} from "../../storage/appointments.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { findVisibleByTrackingCode, findVisiblePetition } from "../../storage/petitions.ts";
import { findReceptionSession } from "../../storage/reception.ts";
import type { CaseContext, StaffView } from "../tenancy/county-context.ts";
import { mayRunSession } from "./appointment-service.ts";

/** A session the viewer may run, or 404 (another county's, or none) / 403 (another unit's). */
async function runnableSession(ctx: CaseContext, viewer: StaffView, sessionId: string) {
  const session = await findReceptionSession(ctx.scope, sessionId);
  if (!session) throw notFound("该接访日");
  if (!mayRunSession(viewer, session)) {
    throw new ApiError("FORBIDDEN", "只能查看和安排本单位的接访日");
  }
  return session;
}

/** 带案下访: the cases taken along, as this reader may see them. */
export async function fieldCases(
  ctx: CaseContext,
  viewer: StaffView,
  sessionId: string,
): Promise<FieldCases> {
  const session = await runnableSession(ctx, viewer, sessionId);
  const rows = await listFieldCases(ctx.scope, viewer, session.id);
  return {
    sessionId: session.id,
    cases: rows.map((r) => ({
      petitionId: r.petitionId,
      trackingCode: r.trackingCode,
      status: r.status,
      purpose: r.purpose,
      categoryName: ctx.taxonomy.name(r.categoryCode),
      receivedOn: r.receivedOn,
      responsibleUnitName: ctx.units.find((u) => u.id === r.responsibleUnitId)?.name ?? "",
    })),
  };
}

/**
 * Takes a case along: only a case the adder may see (any other answers 404, as if it did
 * not exist). Adding it twice changes nothing.
 */
export async function addFieldCase(
  ctx: CaseContext,
  viewer: StaffView,
  sessionId: string,
  which: { petitionId?: string | undefined; trackingCode?: string | undefined },
) {
  const session = await findReceptionSession(ctx.scope, sessionId);
  if (!session) throw notFound("该接访日");
  const petition = which.petitionId
    ? await findVisiblePetition(ctx.scope, viewer, which.petitionId)
    : await findVisibleByTrackingCode(ctx.scope, viewer, (which.trackingCode ?? "").toUpperCase());
  if (!petition) throw notFound("该案件");
  await runnableSession(ctx, viewer, sessionId);
  if (session.status === "cancelled") throw conflict("该接访日已取消");
  await batchWithAudit(
    ctx.scope,
    [
      insertFieldCaseStatement(
        ctx.scope,
        { sessionId, petitionId: petition.id, addedBy: viewer.staffId },
        ctx.now,
      ),
    ],
    {
      actorId: viewer.staffId,
      action: "reception.field.add",
      targetType: "reception_session",
      targetId: sessionId,
      detail: { petitionId: petition.id },
    },
    ctx.now,
  );
  return fieldCases(ctx, viewer, sessionId);
}

/** Leaves a case behind; only a case the remover may see. */
export async function removeFieldCase(
  ctx: CaseContext,
  viewer: StaffView,
  sessionId: string,
  petitionId: string,
) {
  const session = await findReceptionSession(ctx.scope, sessionId);
  if (!session) throw notFound("该接访日");
  const petition = await findVisiblePetition(ctx.scope, viewer, petitionId);
  if (!petition) throw notFound("该案件");
  await runnableSession(ctx, viewer, sessionId);
  await batchWithAudit(
    ctx.scope,
    [deleteFieldCaseStatement(ctx.scope, sessionId, petition.id)],
    {
      actorId: viewer.staffId,
      action: "reception.field.remove",
      targetType: "reception_session",
      targetId: sessionId,
      detail: { petitionId: petition.id },
    },
    ctx.now,
  );
  return fieldCases(ctx, viewer, sessionId);
}
