import type { StaffRole } from "../../../schema/reference/roles.ts";

export function hasAnyRole(held: readonly StaffRole[], allowed: readonly StaffRole[]): boolean {
  return held.some((role) => allowed.includes(role));
}
