import type { Staff } from "../../../schema/api/staff.ts";
import { formatDateTime } from "../shared/format.ts";

export const STAFF_FIELD_LABELS: Record<string, string> = {
  username: "用户名",
  password: "密码",
  displayName: "姓名",
  unitId: "所属单位",
  roles: "角色",
  badgeNumber: "工号",
  position: "职务",
  disabled: "状态",
};

export type StaffStatus = { kind: "ok" | "disabled" | "locked"; label: string };

export function staffStatus(staff: Staff, now = Date.now()): StaffStatus {
  if (staff.disabled) return { kind: "disabled", label: "停用" };
  if (staff.lockedUntil && Date.parse(staff.lockedUntil) > now) {
    return { kind: "locked", label: `锁定至 ${formatDateTime(staff.lockedUntil)}` };
  }
  return { kind: "ok", label: "正常" };
}
