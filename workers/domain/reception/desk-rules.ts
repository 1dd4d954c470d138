// Who may sit at a joint reception's desks (联合接访), checked for a new session and an edit alike.
import type { ReceptionDeskRow, ReceptionSessionRow } from "../../../schema/tenant/tables.ts";
import { invalid } from "../../errors.ts";
import { findStaff } from "../../storage/staff.ts";
import { type CaseContext, type StaffView, unitSubtree } from "../tenancy/county-context.ts";

/** Desk 1 and up to eight more: a hall rarely seats more units at once. */
export const MAX_DESKS = 9;

export interface DeskInput {
  unitId: string;
  leaderId: string;
}

export type DeskRow = Omit<ReceptionDeskRow, "tenantId" | "sessionId">;

/** Desk 1: the session's own leader and unit. */
export function ownDesk(
  row: Pick<ReceptionSessionRow, "unitId" | "leaderId" | "leaderName" | "leaderPosition">,
): DeskRow {
  return {
    number: 1,
    unitId: row.unitId,
    leaderId: row.leaderId,
    leaderName: row.leaderName,
    leaderPosition: row.leaderPosition,
  };
}

/**
 * The rows of a session's desks: desk 1 its own, then each other desk checked — a unit of
 * the county, a serving leader of that unit (or below it), each pair once; only the county
 * office brings units from outside the session's own. None for a session with one desk.
 */
export async function deskRows(
  ctx: CaseContext,
  viewer: StaffView,
  host: Pick<ReceptionSessionRow, "unitId" | "leaderId" | "leaderName" | "leaderPosition">,
  others: readonly DeskInput[],
): Promise<DeskRow[]> {
  if (others.length + 1 > MAX_DESKS) throw invalid("desks", `一场接访最多 ${MAX_DESKS} 个窗口`);
  const desks: DeskRow[] = [];
  for (const [i, desk] of others.entries()) {
    const path = `desks.${i}`;
    if (!ctx.units.some((u) => u.id === desk.unitId)) throw invalid(`${path}.unitId`, "单位不存在");
    if (!viewer.inCountyOffice && !unitSubtree(ctx.units, host.unitId).includes(desk.unitId)) {
      throw invalid(`${path}.unitId`, "只有县信访局可以邀请其他单位联合接访");
    }
    const leader = await findStaff(ctx.scope, desk.leaderId);
    if (
      !leader ||
      leader.disabled ||
      !leader.roles.includes("leader") ||
      !unitSubtree(ctx.units, desk.unitId).includes(leader.unitId)
    ) {
      throw invalid(`${path}.leaderId`, "窗口的接访领导须为该单位在岗的领导干部");
    }
    if (others.some((o, j) => j < i && o.unitId === desk.unitId && o.leaderId === desk.leaderId)) {
      throw invalid(path, "同一领导和单位只能设一个窗口");
    }
    desks.push({
      number: i + 2,
      unitId: desk.unitId,
      leaderId: leader.id,
      leaderName: leader.displayName,
      leaderPosition: leader.position ?? "",
    });
  }
  return desks.length > 0 ? [ownDesk(host), ...desks] : [];
}
