import { useLocation } from "preact-iso";
import {
  ASSESSMENT_ITEM_LABELS,
  ASSESSMENT_ITEMS,
} from "../../../../schema/reference/oversight.ts";
import { listUnits } from "../../api/console.ts";
import { getUnitAssessment } from "../../api/oversight.ts";
import { formatDate, todayCst } from "../../shared/dates.ts";
import { consolePath } from "../../shared/tenant.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { Loading } from "../components/Loading.tsx";
import { quarterLabel, quarterOf } from "../components/statistics/quarters.ts";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import "../components/documents/print.css";

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

/**
 * 考核通报: the quarter's ranking of the units with the figures behind each score, on one
 * A4 page for the office to print and seal; on paper only the 通报.
 */
export function AssessmentPrintPage() {
  const { tenant, me } = useSession();
  const { query } = useLocation();
  const quarter = /^\d{4}-Q[1-4]$/.test(query.quarter ?? "")
    ? (query.quarter as string)
    : quarterOf(todayCst());
  usePageTitle("考核通报", me.tenant.name);
  const data = useAsync(
    () =>
      Promise.all([getUnitAssessment(tenant, { quarter }), listUnits(tenant)]).then(
        ([card, units]) => ({ card, units: units.units }),
      ),
    `${tenant}/${quarter}`,
  );
  const unitName = (id: string) => data.data?.units.find((u) => u.id === id)?.name ?? "";
  const scored = data.data?.card.units.filter((u) => u.score !== null) ?? [];
  const unscored = data.data?.card.units.filter((u) => u.score === null) ?? [];

  return (
    <>
      <p class="no-print">
        <a href={consolePath(tenant, "/statistics/assessment")}>返回单位考核</a>
        {data.data && (
          <>
            {" · "}
            <button type="button" class="button button--primary" onClick={() => window.print()}>
              打印
            </button>
          </>
        )}
      </p>
      {data.loading && <Loading />}
      <ErrorAlert error={data.error} />
      {data.data && (
        <article class="print-doc print-report" aria-labelledby="doc-title">
          <h1 id="doc-title">信访工作考核通报</h1>
          <p class="doc-number">{quarterLabel(data.data.card.quarter)}</p>
          <p>
            根据本县信访工作考核办法，现将{quarterLabel(data.data.card.quarter)}（
            {formatDate(data.data.card.period.from)}至{formatDate(data.data.card.period.to)}
            ）各单位信访工作考核情况通报如下。得分按各项指标比率乘以分值、除以有数据指标的分值之和，折算为百分制。
          </p>
          <table>
            <caption>各单位得分与排名</caption>
            <thead>
              <tr>
                <th scope="col">名次</th>
                <th scope="col">单位</th>
                <th scope="col">得分</th>
                <th scope="col">批次</th>
                {ASSESSMENT_ITEMS.map((k) => (
                  <th scope="col" key={k}>
                    {ASSESSMENT_ITEM_LABELS[k]}
                    <br />（{data.data?.card.weights[k]}分）
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scored.map((u) => (
                <tr key={u.unitId}>
                  <td>{u.rank}</td>
                  <th scope="row">{unitName(u.unitId)}</th>
                  <td>{u.score?.toFixed(2)}</td>
                  <td>{u.batches}</td>
                  {ASSESSMENT_ITEMS.map((k) => (
                    <td key={k}>
                      {percent(u.items[k].rate)}
                      {u.items[k].denominator > 0 && (
                        <>
                          <br />
                          {u.items[k].numerator}/{u.items[k].denominator}
                        </>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {unscored.length > 0 && (
            <p>本季度无考核数据的单位：{unscored.map((u) => unitName(u.unitId)).join("、")}。</p>
          )}
          <p class="doc-sign">
            {me.tenant.name}信访局
            <br />
            {formatDate(todayCst())}
          </p>
        </article>
      )}
    </>
  );
}
