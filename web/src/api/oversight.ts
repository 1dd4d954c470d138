import type {
  AnnualReport,
  BacklogPage,
  HotIssues,
  OversightSettings,
  UnitAssessment,
} from "../../../schema/api/oversight.ts";
import { request, seg } from "./client.ts";

export type {
  AnnualReport,
  BacklogCase,
  BacklogPage,
  HotIssues,
  OversightSettings,
  UnitAssessment,
} from "../../../schema/api/oversight.ts";

const base = (tenant: string) => `/api/v1/t/${seg(tenant)}/statistics`;

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export interface ScopeQuery {
  scope?: "county" | "unit" | "tree" | undefined;
  unitId?: string | undefined;
}

export function listBacklog(
  tenant: string,
  q: ScopeQuery & { cursor?: string | undefined; limit?: number },
): Promise<BacklogPage> {
  return request("GET", `${base(tenant)}/backlog${query({ ...q })}`);
}

export function getUnitAssessment(
  tenant: string,
  q: ScopeQuery & { quarter?: string | undefined },
): Promise<UnitAssessment> {
  return request("GET", `${base(tenant)}/assessment${query({ ...q })}`);
}

export function getHotIssues(
  tenant: string,
  q: ScopeQuery & { month?: string | undefined },
): Promise<HotIssues> {
  return request("GET", `${base(tenant)}/hot-issues${query({ ...q })}`);
}

export function getAnnualReport(tenant: string, year?: string): Promise<AnnualReport> {
  return request("GET", `${base(tenant)}/annual-report${query({ year })}`);
}

export function getOversightSettings(tenant: string): Promise<OversightSettings> {
  return request("GET", `/api/v1/t/${seg(tenant)}/settings/oversight`);
}

export function updateOversightSettings(
  tenant: string,
  body: Partial<OversightSettings>,
): Promise<OversightSettings> {
  return request("PUT", `/api/v1/t/${seg(tenant)}/settings/oversight`, body);
}
