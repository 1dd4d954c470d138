import { useState } from "preact/hooks";
import { NATIONAL_CATEGORIES } from "../../../../schema/reference/categories.ts";
import { listUnits } from "../../api/console.ts";
import { getStatistics, getStatisticsTrend, type Statistics } from "../../api/statistics.ts";
import { todayCst } from "../../shared/dates.ts";
import { CHANNEL_LABELS, PURPOSE_LABELS } from "../../shared/petition-labels.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { SelectField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { AnalysisLinks } from "../components/statistics/AnalysisLinks.tsx";
import { CaseList, type Drill } from "../components/statistics/CaseList.tsx";
import { RatesTable } from "../components/statistics/RatesTable.tsx";
import { SplitTable } from "../components/statistics/SplitTable.tsx";
import { TrendChart } from "../components/statistics/TrendChart.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import "../components/statistics/statistics.css";
import { useSession } from "../session.ts";
import { unitOptions } from "../units.ts";

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const i = y * 12 + (m - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
}

const CATEGORY_NAMES = new Map(NATIONAL_CATEGORIES.map((c) => [c.code, c.name]));
const LEVEL_LABELS: Record<string, string> = {
  county: "本级",
  skip: "越级",
  city: "市级交办转送",
  provincial: "省级交办转送",
  national: "国家级交办转送",
};

/**
 * The figures dashboard: the county office sees the county (or any unit) with units
 * ranked; a township or bureau its own unit and those below. This month against last month
 * and the same month last year, the trend of twelve months, and every number opens the
 * cases behind it — "how are we doing, where, and why" in three clicks.
 */
export function StatisticsPage() {
  const { tenant, me } = useSession();
  usePageTitle("统计分析", me.tenant.name);
  const office = me.unit.kind === "county";
  const thisMonth = todayCst().slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const [unit, setUnit] = useState(office ? "" : me.unit.id);
  const [drill, setDrill] = useState<Drill | null>(null);
  const scope =
    unit === "" ? ({ scope: "county" } as const) : ({ scope: "tree", unitId: unit } as const);

  const units = useAsync(() => listUnits(tenant).then((r) => r.units), tenant);
  const key = `${tenant}/${month}/${unit}`;
  const figures = useAsync(
    () =>
      Promise.all([
        getStatistics(tenant, { month, ...scope }),
        getStatistics(tenant, { month: shiftMonth(month, -1), ...scope }),
        getStatistics(tenant, { month: shiftMonth(month, -12), ...scope }),
      ]),
    key,
  );
  const trend = useAsync(() => getStatisticsTrend(tenant, { month, ...scope }), key);

  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? "（单位）";
  const months = Array.from({ length: 24 }, (_, i) => shiftMonth(thisMonth, -i));
  const choices = office
    ? [
        { value: "", label: "全县" },
        ...unitOptions(units.data ?? []).map((o) => ({ value: o.id, label: o.label })),
      ]
    : unitOptions(units.data ?? [])
        .filter((o) => o.id === me.unit.id || o.unit.parentId === me.unit.id)
        .map((o) => ({ value: o.id, label: o.label }));
  const open = (figure: string, title: string, dim?: string) =>
    setDrill({ title, figure, dim, month, ...scope });
  const current: Statistics | undefined = figures.data?.[0];

  return (
    <>
      <h1>统计分析</h1>
      <AnalysisLinks tenant={tenant} current="figures" />
      <form noValidate class="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="统计范围">
        <SelectField
          id="stat-month"
          label="统计月份"
          value={month}
          onValue={(v) => {
            setMonth(v);
            setDrill(null);
          }}
          options={months.map((m) => ({ value: m, label: m }))}
        />
        {choices.length > 1 && (
          <SelectField
            id="stat-unit"
            label="统计单位"
            value={unit}
            onValue={(v) => {
              setUnit(v);
              setDrill(null);
            }}
            options={choices}
          />
        )}
      </form>
      <ErrorAlert error={figures.error} />
      {current?.rebuilding && (
        <p class="notice notice--warn" role="status" data-testid="statistics-rebuilding">
          统计数据正在重建，数字暂不完整。
        </p>
      )}
      {figures.loading && !figures.data && <Loading />}
      {figures.data && current && (
        <div class="stat-grid">
          <section class="card stat-wide" aria-labelledby="stat-rates">
            <h2 id="stat-rates">本月与上月、去年同月</h2>
            <RatesTable
              columns={figures.data}
              headings={[month, shiftMonth(month, -1), shiftMonth(month, -12)]}
            />
            <p>
              <button
                type="button"
                class="link"
                onClick={() => open("batches", `${month} 收到的信访事项`)}
              >
                查看本月 {current.batches} 批次的事项
              </button>
              {" · "}
              <button
                type="button"
                class="link"
                onClick={() =>
                  open(
                    "backlog",
                    `当前积案（超过 ${current.backlog.backlogDays} 天未结及复核后再次信访）`,
                  )
                }
              >
                当前积案 {current.backlog.total} 件
              </button>
              {current.timelyAcceptanceRate.denominator >
                current.timelyAcceptanceRate.numerator && (
                <>
                  {" · "}
                  <button
                    type="button"
                    class="link"
                    onClick={() => open("acceptLate", `${month} 逾期作出受理决定的事项`)}
                  >
                    查看逾期受理的事项
                  </button>
                  {" · "}
                  <button
                    type="button"
                    class="link"
                    onClick={() => open("acceptOpen", `${month} 已过受理期限仍未决定的事项`)}
                  >
                    查看超期未受理的事项
                  </button>
                </>
              )}
            </p>
          </section>
          {current.byUnit.length > 0 && (
            <section class="card" aria-labelledby="stat-units">
              <h2 id="stat-units">各单位排名</h2>
              <SplitTable
                caption="按承办单位（含下属单位）"
                heading="单位"
                rows={current.byUnit}
                label={unitName}
                onOpen={(value, title) =>
                  setDrill({ title, figure: "batches", month, scope: "tree", unitId: value })
                }
              />
            </section>
          )}
          <section class="card" aria-labelledby="stat-trend">
            <h2 id="stat-trend">近十二个月趋势</h2>
            <ErrorAlert error={trend.error} />
            {trend.data && <TrendChart trend={trend.data.items} />}
          </section>
          <section class="card" aria-labelledby="stat-splits">
            <h2 id="stat-splits">本月分布</h2>
            <SplitTable
              caption="按渠道"
              heading="渠道"
              rows={current.byChannel}
              label={(v) => CHANNEL_LABELS[v as keyof typeof CHANNEL_LABELS] ?? v}
              onOpen={(v, title) => open("batches", title, v)}
            />
            <SplitTable
              caption="按目的"
              heading="目的"
              rows={current.byPurpose}
              label={(v) => PURPOSE_LABELS[v as keyof typeof PURPOSE_LABELS] ?? v}
              onOpen={(v, title) => open("batches", title, v)}
            />
            <SplitTable
              caption="按内容大类"
              heading="大类"
              rows={current.byCategory}
              label={(v) => CATEGORY_NAMES.get(v) ?? v}
              onOpen={(v, title) => open("batches", title, v)}
            />
            <SplitTable
              caption="按层级"
              heading="层级"
              rows={current.byLevel}
              label={(v) => LEVEL_LABELS[v] ?? v}
            />
          </section>
          {current.leaders.length > 0 && (
            <section class="card" aria-labelledby="stat-leaders">
              <h2 id="stat-leaders">领导接访与包案</h2>
              {/* Seven columns scroll sideways in a narrow card: focusable, so keys scroll it. */}
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
              <section class="table-scroll" tabIndex={0} aria-label="各位领导接访与包案">
                <table class="table">
                  <caption>本月各位领导</caption>
                  <thead>
                    <tr>
                      <th scope="col">领导</th>
                      <th scope="col">接访天次</th>
                      <th scope="col">接待批次</th>
                      <th scope="col">接待人次</th>
                      <th scope="col">包案件数</th>
                      <th scope="col">督办件数</th>
                      <th scope="col">回访次数</th>
                    </tr>
                  </thead>
                  <tbody>
                    {current.leaders.map((l) => (
                      <tr key={l.leaderId}>
                        <th scope="row" data-label="领导">
                          {l.name || "（领导）"}
                        </th>
                        <td data-label="接访天次">{l.sessions}</td>
                        <td data-label="接待批次">{l.visits}</td>
                        <td data-label="接待人次">{l.visitors}</td>
                        <td data-label="包案件数">{l.casesOwned}</td>
                        <td data-label="督办件数">{l.casesSupervised}</td>
                        <td data-label="回访次数">{l.followUps}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </section>
          )}
        </div>
      )}
      {drill && <CaseList tenant={tenant} drill={drill} unitName={unitName} />}
    </>
  );
}
