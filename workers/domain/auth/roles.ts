import type { StaffRole } from "../../../schema/tenant/tables.ts";

export function hasAnyRole(held: readonly StaffRole[], allowed: readonly StaffRole[]): boolean {
  return held.some((role) => allowed.includes(role));
}
