import type { StatisticsCase } from "../../../api/statistics.ts";
import { listStatisticsCases } from "../../../api/statistics.ts";
import { formatTrackingCode } from "../../../shared/dates.ts";
import { CHANNEL_LABELS, STATUS_LABELS } from "../../../shared/petition-labels.ts";
import { consolePath } from "../../../shared/tenant.ts";
import { useAsync } from "../../hooks.ts";
import { ErrorAlert } from "../ErrorAlert.tsx";
import { Loading } from "../Loading.tsx";

export interface Drill {
  title: string;
  figure: string;
  dim?: string | undefined;
  scope?: "county" | "unit" | "tree" | undefined;
  unitId?: string | undefined;
  month: string;
  /** A quarter (YYYY-Qn) instead of the month: the assessment's drill-downs. */
  quarter?: string | undefined;
}

/** The same cases as a file: the export route rides on the session cookie. */
function exportHref(tenant: string, drill: Drill, format: "csv" | "xlsx"): string {
  const q = new URLSearchParams({ figure: drill.figure, format });
  if (drill.quarter) q.set("quarter", drill.quarter);
  else q.set("month", drill.month);
  if (drill.dim) q.set("dim", drill.dim);
  if (drill.scope) q.set("scope", drill.scope);
  if (drill.unitId) q.set("unitId", drill.unitId);
  return `/api/v1/t/${encodeURIComponent(tenant)}/statistics/export?${q}`;
}

/**
 * The cases behind a figure: only those the signed-in person may see, so the list can be
 * shorter than the count (confidential cases are counted, never listed to others).
 */
export function CaseList({
  tenant,
  drill,
  unitName,
}: {
  tenant: string;
  drill: Drill;
  unitName: (id: string) => string;
}) {
  const key = JSON.stringify(drill);
  const page = useAsync(
    () =>
      listStatisticsCases(tenant, {
        ...(drill.quarter ? { quarter: drill.quarter } : { month: drill.month }),
        figure: drill.figure,
        dim: drill.dim,
        scope: drill.scope,
        unitId: drill.unitId,
        limit: 50,
      }),
    key,
  );
  return (
    <section class="card" aria-labelledby="drill-title" aria-live="polite">
      <h2 id="drill-title">{drill.title}</h2>
      {page.loading && <Loading />}
      <ErrorAlert error={page.error} />
      {page.data && page.data.items.length === 0 && <p>没有您可查看的信访事项。</p>}
      {page.data && page.data.items.length > 0 && (
        <div class="table-scroll">
          <table class="table">
            <caption>共列出 {page.data.items.length} 件（仅含您有权查看的事项）</caption>
            <thead>
              <tr>
                <th scope="col">查询码</th>
                <th scope="col">收到日期</th>
                <th scope="col">渠道</th>
                <th scope="col">承办单位</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((c: StatisticsCase) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={consolePath(tenant, `/petitions/${c.id}`)}>
                      {formatTrackingCode(c.trackingCode)}
                    </a>
                  </th>
                  <td>{c.receivedOn}</td>
                  <td>{CHANNEL_LABELS[c.channel as keyof typeof CHANNEL_LABELS] ?? c.channel}</td>
                  <td>{unitName(c.responsibleUnitId)}</td>
                  <td>{STATUS_LABELS[c.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.data?.nextCursor && <p class="hint">仅显示前 50 件，请导出查看全部事项。</p>}
      {page.data && page.data.items.length > 0 && (
        <p>
          <a href={exportHref(tenant, drill, "xlsx")} download>
            导出 Excel 表格
          </a>
          {" · "}
          <a href={exportHref(tenant, drill, "csv")} download>
            导出 CSV 文件
          </a>
          <span class="hint">（不含信访人姓名、证件号码和电话）</span>
        </p>
      )}
    </section>
  );
}
