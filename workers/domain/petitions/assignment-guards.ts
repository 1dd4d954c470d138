import type { PetitionRow, StaffRow } from "../../../schema/tenant/tables.ts";
import { invalid } from "../../errors.ts";
import { isRecused } from "../../storage/petitions.ts";
import { findStaff } from "../../storage/staff.ts";
import { type CaseContext, type StaffView, unitSubtree } from "../tenancy/county-context.ts";

/**
 * The county office sets or corrects whom an accusation is about when it accepts it; no
 * one already on the case may belong to that unit.
 */
export async function subjectUnit(
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

export function routeTarget(ctx: CaseContext, row: PetitionRow, toUnitId: string) {
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
export async function eligibleStaff(
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
