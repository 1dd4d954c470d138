/** Staff roles (domain.md "Who uses it") and their Chinese names. */
export const staffRoles = [
  "tenant_admin",
  "clerk",
  "handler",
  "leader",
  "supervisor",
  "viewer",
] as const;
export type StaffRole = (typeof staffRoles)[number];

export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = /* @__PURE__ */ Object.freeze({
  tenant_admin: "系统管理员",
  clerk: "登记员",
  handler: "承办人",
  leader: "领导干部",
  supervisor: "督办员",
  viewer: "查看",
});
