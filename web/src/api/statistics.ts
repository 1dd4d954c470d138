import type {
  IssuedDocument,
  Statistics,
  StatisticsCase,
  StatisticsQuery,
  StatisticsTrend,
} from "../../../schema/api/statistics.ts";
import { request, seg } from "./client.ts";

export type {
  IssuedDocument,
  Rate,
  Split,
  Statistics,
  StatisticsCase,
  StatisticsTrend,
} from "../../../schema/api/statistics.ts";

const base = (tenant: string) => `/api/v1/t/${seg(tenant)}/statistics`;

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function getStatistics(tenant: string, q: StatisticsQuery): Promise<Statistics> {
  return request("GET", `${base(tenant)}${query(q)}`);
}

export function getStatisticsTrend(
  tenant: string,
  q: Pick<StatisticsQuery, "scope" | "unitId"> & { month?: string; months?: number },
): Promise<StatisticsTrend> {
  return request("GET", `${base(tenant)}/trend${query(q)}`);
}

export function listStatisticsCases(
  tenant: string,
  q: StatisticsQuery & { figure: string; dim?: string; cursor?: string; limit?: number },
): Promise<{ items: StatisticsCase[]; nextCursor: string | null }> {
  return request("GET", `${base(tenant)}/cases${query(q)}`);
}

export function issueDocument(
  tenant: string,
  petitionId: string,
  kind: IssuedDocument["kind"],
): Promise<IssuedDocument> {
  return request("POST", `/api/v1/t/${seg(tenant)}/petitions/${seg(petitionId)}/documents`, {
    kind,
  });
}
