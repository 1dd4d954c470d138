import type { PublicTenant } from "../../../schema/api/tenants.ts";
import { request, seg } from "./client.ts";

// Kept apart from the staff endpoints so the public landing page bundles only what it uses.
export function getPublicTenant(tenant: string): Promise<PublicTenant> {
  return request("GET", `/api/v1/t/${seg(tenant)}`);
}
