import { useState } from "preact/hooks";
import { NATIONAL_CATEGORIES } from "../../../../schema/reference/categories.ts";
import { listUnits } from "../../api/console.ts";
import { getHotIssues, type HotIssues } from "../../api/oversight.ts";
import { todayCst } from "../../shared/dates.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { SelectField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { AnalysisLinks } from "../components/statistics/AnalysisLinks.tsx";
import { CaseList, type Drill } from "../components/statistics/CaseList.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import "../components/statistics/statistics.css";

const CATEGORY_NAMES = new Map(NATIONAL_CATEGORIES.map((c) => [c.code, c.name]));
const categoryName = (code: string) => `${CATEGORY_NAMES.get(code) ?? "其它"}（${code}）`;

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const i = y * 12 + (m - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
}

/**
 * 月度研判 for the joint conference: which matters rise against last month and the same
 * month last year, where the first petitions come from, and how many petitions repeat —
 * counts only, never a list of people. Each category opens its cases.
 */
export function HotIssuesPage() {
  const { tenant, me } = useSession();
  usePageTitle("月度研判", me.tenant.name);
  const thisMonth = todayCst().slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const [drill, setDrill] = useState<Drill | null>(null);
  const units = useAsync(() => listUnits(tenant).then((r) => r.units), tenant);
  const hot = useAsync(() => getHotIssues(tenant, { month }), `${tenant}/${month}`);
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? "（单位）";
  const open = (title: string, dim: string) => setDrill({ title, figure: "batches", dim, month });

  return (
    <>
      <h1>月度研判</h1>
      <AnalysisLinks tenant={tenant} current="hot" />
      <form noValidate class="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="研判月份">
        <SelectField
          id="hot-month"
          label="研判月份"
          value={month}
          onValue={(v) => {
            setMonth(v);
            setDrill(null);
          }}
          options={Array.from({ length: 24 }, (_, i) => shiftMonth(thisMonth, -i)).map((m) => ({
            value: m,
            label: m,
          }))}
        />
      </form>
      <ErrorAlert error={hot.error} />
      {hot.loading && !hot.data && <Loading what="研判" />}
      {hot.data && (
        <div class="stat-grid">
          <p class="stat-wide">
            {hot.data.month} 共收到 {hot.data.batches}{" "}
            批次。加粗的分类比上月和去年同月都多（上升）。
          </p>
          <Comparison
            id="hot-categories"
            title="内容大类"
            rows={hot.data.categories}
            data={hot.data}
            onOpen={(code) => open(`${hot.data?.month} ${categoryName(code)}的事项`, code)}
          />
          <Comparison
            id="hot-subcategories"
            title="内容小类"
            rows={hot.data.subcategories}
            data={hot.data}
            onOpen={(code) => open(`${hot.data?.month} ${categoryName(code)}的事项`, code)}
          />
          <section class="card" aria-labelledby="hot-places">
            <h2 id="hot-places">初信初访较多的乡镇</h2>
            {hot.data.places.length === 0 ? (
              <p>本月各乡镇没有收到信访事项。</p>
            ) : (
              <table class="table">
                <caption>按承办乡镇（含下属村、社区）</caption>
                <thead>
                  <tr>
                    <th scope="col">乡镇</th>
                    <th scope="col">初信初访</th>
                    <th scope="col">全部批次</th>
                  </tr>
                </thead>
                <tbody>
                  {hot.data.places.map((p) => (
                    <tr key={p.unitId}>
                      <th scope="row">{unitName(p.unitId)}</th>
                      <td class="numeric">{p.firstPetitions}</td>
                      <td class="numeric">
                        <button
                          type="button"
                          class="link"
                          aria-label={`${unitName(p.unitId)} ${p.batches} 批次，查看事项`}
                          onClick={() =>
                            setDrill({
                              title: `${hot.data?.month} ${unitName(p.unitId)}收到的事项`,
                              figure: "batches",
                              month,
                              scope: "tree",
                              unitId: p.unitId,
                            })
                          }
                        >
                          {p.batches}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section class="card" aria-labelledby="hot-repeat">
            <h2 id="hot-repeat">重复信访</h2>
            <p>
              本月重复信访 {hot.data.repeat.batches} 批次、{hot.data.repeat.persons}{" "}
              人次（只统计件数，不列人员）。
            </p>
            {hot.data.repeat.byCategory.length > 0 && (
              <table class="table">
                <caption>按内容大类</caption>
                <thead>
                  <tr>
                    <th scope="col">大类</th>
                    <th scope="col">批次</th>
                    <th scope="col">人次</th>
                  </tr>
                </thead>
                <tbody>
                  {hot.data.repeat.byCategory.map((r) => (
                    <tr key={r.value}>
                      <th scope="row">{categoryName(r.value)}</th>
                      <td class="numeric">{r.batches}</td>
                      <td class="numeric">{r.persons}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
      {drill && <CaseList tenant={tenant} drill={drill} unitName={unitName} />}
    </>
  );
}

function Comparison({
  id,
  title,
  rows,
  data,
  onOpen,
}: {
  id: string;
  title: string;
  rows: HotIssues["categories"];
  data: HotIssues;
  onOpen: (code: string) => void;
}) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>本月没有收到信访事项。</p>
      ) : (
        <div class="table-scroll">
          <table class="table">
            <caption>
              {data.month} 与 {data.lastMonth}、{data.lastYear} 比较
            </caption>
            <thead>
              <tr>
                <th scope="col">分类</th>
                <th scope="col">本月</th>
                <th scope="col">上月</th>
                <th scope="col">去年同月</th>
                <th scope="col">趋势</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.value} class={r.rising ? "rising" : undefined}>
                  <th scope="row">{categoryName(r.value)}</th>
                  <td class="numeric">
                    <button
                      type="button"
                      class="link"
                      aria-label={`${categoryName(r.value)} 本月 ${r.batches} 批次，查看事项`}
                      onClick={() => onOpen(r.value)}
                    >
                      {r.batches}
                    </button>
                  </td>
                  <td class="numeric">{r.lastMonth}</td>
                  <td class="numeric">{r.lastYear}</td>
                  <td class="nowrap">
                    {r.rising ? "上升" : r.batches < r.lastMonth ? "下降" : "持平或波动"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
