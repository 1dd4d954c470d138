import type { Role, UnitKind } from "../api/types.ts";

export const ROLES: readonly Role[] = [
  "tenant_admin",
  "clerk",
  "handler",
  "leader",
  "supervisor",
  "viewer",
];

export const ROLE_LABELS: Record<Role, string> = {
  tenant_admin: "系统管理员",
  clerk: "登记员",
  handler: "承办人",
  leader: "领导干部",
  supervisor: "督办员",
  viewer: "查看",
};

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
