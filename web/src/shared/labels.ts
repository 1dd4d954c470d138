import type { Role } from "../../../schema/api/staff.ts";
import type { UnitKind } from "../../../schema/api/units.ts";
import { ROLE_LABELS } from "../../../schema/reference/roles.ts";

export { ROLE_LABELS, staffRoles as ROLES } from "../../../schema/reference/roles.ts";

export function roleLabels(roles: readonly Role[]): string {
  return roles.length === 0 ? "（无）" : roles.map((r) => ROLE_LABELS[r] ?? r).join("、");
}

export const UNIT_KINDS: readonly UnitKind[] = ["county", "township", "bureau", "village"];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  county: "县信访局",
  township: "乡镇/街道",
  bureau: "县直部门",
  village: "村/社区",
};
