import type { SearchFilters } from "../../../schema/api/search.ts";
import type { StatisticsCase } from "../../../schema/api/statistics.ts";
import { type BrowseCursor, browse } from "../../storage/search.ts";
import type { CaseContext, StaffView } from "../tenancy/county-context.ts";
import { browsePlan, searchFilter } from "./work-lists.ts";

const PAGE = 500;

/**
 * The filtered list of the search page (its filters and work list, without words) as the
 * export's rows: keyset pages through the same indexed, visible browse, at most `max` rows
 * and `max / 500 + 1` queries. The day a row counts on is the day the case was received.
 */
export async function searchExportRows(
  ctx: CaseContext,
  viewer: StaffView,
  query: SearchFilters,
  max: number,
): Promise<{ rows: StatisticsCase[]; truncated: boolean }> {
  const { order, work, empty } = browsePlan(query, viewer, ctx.now);
  if (empty) return { rows: [], truncated: false };
  const filter = searchFilter(query, ctx.now);
  const rows: StatisticsCase[] = [];
  let after: BrowseCursor | undefined;
  while (rows.length <= max) {
    const page = await browse(ctx.scope, viewer, order, filter, work, after, PAGE);
    for (const { petition: p } of page) {
      rows.push({
        id: p.id,
        trackingCode: p.trackingCode,
        status: p.status,
        receivedOn: p.receivedOn,
        channel: p.channel,
        purpose: p.purpose,
        categoryCode: p.categoryCode,
        responsibleUnitId: p.responsibleUnitId,
        day: p.receivedOn,
      });
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    const key = order === "deadline" ? last.petition.nextDeadlineAt : last.petition.registeredAt;
    after = { at: key?.getTime() ?? 0, row: last.row };
  }
  return { rows: rows.slice(0, max), truncated: rows.length > max };
}
