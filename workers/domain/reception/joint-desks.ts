// Joint reception (联合接访): one session, several desks, each a leader and a unit.
import type { DeskInfo } from "../../../schema/realtime/reception-queue.ts";
import type { ReceptionDeskRow, ReceptionSessionRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { ApiError, notFound } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { findReceptionSession } from "../../storage/reception.ts";
import { listSessionDesks, replaceSessionDesksStatements } from "../../storage/reception-desks.ts";
import type { CaseContext, StaffView } from "../tenancy/county-context.ts";
import { type DeskInput, deskRows, ownDesk } from "./desk-rules.ts";
import { configureSession } from "./schedule-service.ts";

/** The desks as the public sees them: desk 1 is the session's own leader and unit. */
export function presentDesks(
  ctx: CaseContext,
  row: ReceptionSessionRow,
  stored: readonly Omit<ReceptionDeskRow, "tenantId" | "sessionId">[],
): DeskInfo[] {
  const desks = stored.length > 0 ? stored : [ownDesk(row)];
  return desks.map((d) => ({
    number: d.number,
    unitId: d.unitId,
    unitName: ctx.units.find((u) => u.id === d.unitId)?.name ?? "",
    leaderId: d.leaderId,
    leaderName: d.leaderName,
    leaderPosition: d.leaderPosition,
  }));
}

export async function sessionDesks(ctx: CaseContext, row: ReceptionSessionRow) {
  return presentDesks(ctx, row, await listSessionDesks(ctx.scope, row.id));
}

/**
 * Sets the other desks of a session (desk 1 stays its own): the office adds the leaders
 * and units that receive together. The object hears at once; a ticket waiting at a desk
 * that is gone goes back to desk 1, keeping its place.
 */
export async function setSessionDesks(
  env: Env,
  ctx: CaseContext,
  viewer: StaffView,
  shard: string,
  sessionId: string,
  others: DeskInput[],
) {
  const row = await findReceptionSession(ctx.scope, sessionId);
  if (!row) throw notFound("该接访日");
  const schedules = viewer.roles.some(
    (r) => r === "clerk" || r === "leader" || r === "supervisor" || r === "tenant_admin",
  );
  if (!schedules || !(viewer.inCountyOffice || viewer.unitId === row.unitId)) {
    throw new ApiError("FORBIDDEN", "只能为本单位安排接访日");
  }
  if (row.status === "cancelled") throw new ApiError("CONFLICT", "该接访日已取消");
  const stored = await deskRows(ctx, viewer, row, others);
  await batchWithAudit(
    ctx.scope,
    replaceSessionDesksStatements(ctx.scope, row.id, stored),
    {
      actorId: viewer.staffId,
      action: "reception.desks",
      targetType: "reception_session",
      targetId: row.id,
      detail: { desks: stored.map((d) => ({ unitId: d.unitId, leaderId: d.leaderId })) },
    },
    ctx.now,
  );
  if (row.status !== "draft") await configureSession(env, ctx, row, shard);
  return { sessionId: row.id, desks: presentDesks(ctx, row, stored) };
}

/**
 * Which desks of a session this person works: all of them for the county office and the
 * session's own unit; at a joint reception, the desks of their unit (and units below it).
 * `undefined`: none, and no business at this session's desk.
 */
export async function desksWorkedBy(
  ctx: CaseContext,
  viewer: StaffView,
  row: ReceptionSessionRow,
): Promise<"all" | number[] | undefined> {
  if (viewer.inCountyOffice || viewer.unitSubtree.includes(row.unitId)) return "all";
  const mine = (await listSessionDesks(ctx.scope, row.id))
    .filter((d) => viewer.unitSubtree.includes(d.unitId))
    .map((d) => d.number);
  return mine.length > 0 ? mine : undefined;
}
