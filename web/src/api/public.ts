import { request, seg } from "./client.ts";
import type { PublicTenant } from "./types.ts";

// Kept apart from the staff endpoints so the public landing page bundles only what it uses.
export function getPublicTenant(tenant: string): Promise<PublicTenant> {
  return request("GET", `/api/v1/t/${seg(tenant)}`);
}
