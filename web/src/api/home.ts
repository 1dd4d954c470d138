import type { MyReceptionDays } from "../../../schema/api/statistics.ts";
import { request, seg } from "./client.ts";

export type { MyReceptionDays };

/** The signed-in leader's reception days of the last 90 days, with their counts. */
export function listMyReceptionDays(tenant: string): Promise<MyReceptionDays> {
  return request("GET", `/api/v1/t/${seg(tenant)}/reception/my-days`);
}

/** The quarter's two reception sheets (XLSX), as links the browser downloads. */
export function receptionSheetHref(
  tenant: string,
  sheet: "reception-register" | "reception-statistics",
  quarter: string,
): string {
  return `/api/v1/t/${encodeURIComponent(tenant)}/statistics/${sheet}?quarter=${quarter}`;
}
