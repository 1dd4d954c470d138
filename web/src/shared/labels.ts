import type { Role } from "../../../schema/api/staff.ts";
import { ROLE_LABELS } from "../../../schema/reference/roles.ts";

export { ROLE_LABELS, staffRoles as ROLES } from "../../../schema/reference/roles.ts";

export function roleLabels(roles: readonly Role[]): string {
  return roles.length === 0 ? "（无）" : roles.map((r) => ROLE_LABELS[r] ?? r).join("、");
}

export {
  UNIT_KIND_LABELS,
  unitKinds as UNIT_KINDS,
} from "../../../schema/reference/unit-kinds.ts";
