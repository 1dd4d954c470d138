import { useState } from "preact/hooks";
import {
  ASSESSMENT_ITEM_DEFINITIONS,
  ASSESSMENT_ITEM_LABELS,
  ASSESSMENT_ITEMS,
  type AssessmentItem,
} from "../../../../schema/reference/oversight.ts";
import { listUnits } from "../../api/console.ts";
import { getUnitAssessment } from "../../api/oversight.ts";
import { todayCst } from "../../shared/dates.ts";
import { consolePath } from "../../shared/tenant.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { SelectField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { AnalysisLinks } from "../components/statistics/AnalysisLinks.tsx";
import { CaseList, type Drill } from "../components/statistics/CaseList.tsx";
import { previousQuarters, quarterLabel, quarterOf } from "../components/statistics/quarters.ts";
import { formatRate } from "../components/statistics/RatesTable.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import "../components/statistics/statistics.css";

/** The cases behind an item: those that cost the unit its points. */
const ITEM_DRILL: Record<AssessmentItem, { figure: string; what: string }> = {
  timelyAcceptance: { figure: "acceptLate", what: "逾期作出受理决定的事项" },
  onTimeReply: { figure: "replyLate", what: "逾期答复的事项" },
  satisfaction: { figure: "unitUnsatisfied", what: "评价不满意的事项" },
  firstTimeResolution: { figure: "closed", what: "办结的事项" },
  nonRepeat: { figure: "repeat", what: "重复信访事项" },
};

/**
 * The quarter's scorecard of the units (考核): each item a rate with its two counts, the
 * score out of 100 with the county's points, the rank; each number opens its cases, and
 * the 通报 prints the ranking on one A4 page.
 */
export function AssessmentPage() {
  const { tenant, me } = useSession();
  usePageTitle("单位考核", me.tenant.name);
  const thisQuarter = quarterOf(todayCst());
  const [quarter, setQuarter] = useState(thisQuarter);
  const [drill, setDrill] = useState<Drill | null>(null);
  const units = useAsync(() => listUnits(tenant).then((r) => r.units), tenant);
  const card = useAsync(() => getUnitAssessment(tenant, { quarter }), `${tenant}/${quarter}`);
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? "（单位）";
  const open = (unitId: string, figure: string, what: string) =>
    setDrill({
      title: `${unitName(unitId)} ${quarterLabel(quarter)}${what}`,
      figure,
      month: "",
      quarter,
      scope: "tree",
      unitId,
    });

  return (
    <>
      <h1>单位考核</h1>
      <AnalysisLinks tenant={tenant} current="assessment" />
      <form noValidate class="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="考核季度">
        <SelectField
          id="assessment-quarter"
          label="考核季度"
          value={quarter}
          onValue={(v) => {
            setQuarter(v);
            setDrill(null);
          }}
          options={previousQuarters(thisQuarter, 8).map((q) => ({
            value: q,
            label: quarterLabel(q),
          }))}
        />
      </form>
      <p>
        <a href={consolePath(tenant, `/statistics/assessment/print?quarter=${quarter}`)}>
          打印考核通报
        </a>
      </p>
      <ErrorAlert error={card.error} />
      {card.loading && !card.data && <Loading what="考核结果" />}
      {card.data && (
        <section class="card" aria-labelledby="assessment-title">
          <h2 id="assessment-title">{quarterLabel(card.data.quarter)}各单位得分</h2>
          <div class="table-scroll">
            <table class="table assessment-table">
              <caption>
                得分 = 各指标比率 × 分值之和 ÷ 有数据指标的分值之和 × 100；点击数字查看事项
              </caption>
              <thead>
                <tr>
                  <th scope="col">名次</th>
                  <th scope="col">单位</th>
                  <th scope="col">得分</th>
                  <th scope="col">批次</th>
                  {ASSESSMENT_ITEMS.map((k) => (
                    <th scope="col" key={k}>
                      {ASSESSMENT_ITEM_LABELS[k]}（{card.data?.weights[k]} 分）
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {card.data.units
                  .filter((u) => u.score !== null)
                  .map((u) => (
                    <tr key={u.unitId}>
                      <td>{u.rank}</td>
                      <th scope="row">{unitName(u.unitId)}</th>
                      <td class="numeric">{u.score?.toFixed(2)}</td>
                      <td class="numeric">
                        {u.batches > 0 ? (
                          <button
                            type="button"
                            class="link"
                            onClick={() => open(u.unitId, "batches", "收到的事项")}
                          >
                            {u.batches}
                          </button>
                        ) : (
                          0
                        )}
                      </td>
                      {ASSESSMENT_ITEMS.map((k) => (
                        <td class="numeric" key={k}>
                          {u.items[k].denominator > 0 ? (
                            <button
                              type="button"
                              class="link"
                              aria-label={`${unitName(u.unitId)} ${ASSESSMENT_ITEM_LABELS[k]} ${formatRate(u.items[k])}，查看${ITEM_DRILL[k].what}`}
                              onClick={() =>
                                open(u.unitId, ITEM_DRILL[k].figure, ITEM_DRILL[k].what)
                              }
                            >
                              {formatRate(u.items[k])}
                            </button>
                          ) : (
                            "—"
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          {card.data.units.some((u) => u.score === null) && (
            <p>
              本季度无考核数据的单位：
              {card.data.units
                .filter((u) => u.score === null)
                .map((u) => unitName(u.unitId))
                .join("、")}
              。
            </p>
          )}
          <details class="help">
            <summary>指标说明</summary>
            <dl>
              {ASSESSMENT_ITEMS.map((k) => (
                <div key={k}>
                  <dt>{ASSESSMENT_ITEM_LABELS[k]}</dt>
                  <dd>{ASSESSMENT_ITEM_DEFINITIONS[k]}</dd>
                </div>
              ))}
            </dl>
          </details>
        </section>
      )}
      {drill && <CaseList tenant={tenant} drill={drill} unitName={unitName} />}
    </>
  );
}
