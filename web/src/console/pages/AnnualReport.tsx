import { useState } from "preact/hooks";
import type { SuggestionOutcomeCounts } from "../../../../schema/api/suggestions.ts";
import { NATIONAL_CATEGORIES } from "../../../../schema/reference/categories.ts";
import { SUPERVISION_FORM_LABELS } from "../../../../schema/reference/notify-delivery.ts";
import {
  SUGGESTION_KIND_LABELS,
  SUGGESTION_KINDS,
  SUGGESTION_OUTCOME_LABELS,
} from "../../../../schema/reference/suggestions.ts";
import { listUnits } from "../../api/console.ts";
import { type AnnualReport, getAnnualReport } from "../../api/oversight.ts";
import type { Split } from "../../api/statistics.ts";
import { formatDate, todayCst } from "../../shared/dates.ts";
import { CHANNEL_LABELS, PURPOSE_LABELS } from "../../shared/petition-labels.ts";
import { consolePath } from "../../shared/tenant.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { SelectField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { AnalysisLinks } from "../components/statistics/AnalysisLinks.tsx";
import { formatRate } from "../components/statistics/RatesTable.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import "../components/documents/print.css";

const CATEGORY_NAMES = new Map(NATIONAL_CATEGORIES.map((c) => [c.code, c.name]));
const LEVEL_LABELS: Record<string, string> = {
  county: "本级受理",
  skip: "越级走访",
  city: "市级交办转送",
  provincial: "省级交办转送",
  national: "国家级交办转送",
};
const OUTCOME_LABELS: Record<string, string> = {
  support: "予以支持（采纳）",
  explain: "解释说明",
  reject: "不予支持",
  none: "未注明",
};

const joinSplits = (rows: Split[], label: (v: string) => string, top = rows.length) =>
  rows.length === 0
    ? "无"
    : rows
        .slice(0, top)
        .map((r) => `${label(r.value)} ${r.batches} 批次、${r.persons} 人次`)
        .join("；");

/**
 * The outline of the annual report §41 of 《信访工作条例》 asks of the county office by the end
 * of January: (一) the year's figures, the matters' fields and the units complained about
 * most; (二) forwarding, assigning and supervising; (三) the office's suggestions and whether
 * they were adopted, from its register (建议登记); (四) the rest (the backlog). Printable; the
 * office writes its text around these figures.
 */
export function AnnualReportPage() {
  const { tenant, me } = useSession();
  usePageTitle("年度报告", me.tenant.name);
  const thisYear = Number(todayCst().slice(0, 4));
  const [year, setYear] = useState(String(thisYear - 1));
  const units = useAsync(() => listUnits(tenant).then((r) => r.units), tenant);
  const report = useAsync(() => getAnnualReport(tenant, year), `${tenant}/${year}`);
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? "（单位）";

  return (
    <>
      <h1 class="no-print">年度报告</h1>
      <AnalysisLinks tenant={tenant} current="annual" />
      <form
        noValidate
        class="toolbar no-print"
        onSubmit={(e) => e.preventDefault()}
        aria-label="报告年度"
      >
        <SelectField
          id="annual-year"
          label="报告年度"
          value={year}
          onValue={setYear}
          options={Array.from({ length: 5 }, (_, i) => String(thisYear - i)).map((y) => ({
            value: y,
            label: `${y} 年`,
          }))}
        />
        {report.data && (
          <button type="button" class="button button--primary" onClick={() => window.print()}>
            打印
          </button>
        )}
      </form>
      <ErrorAlert error={report.error} />
      {report.loading && !report.data && <Loading what="年度报告" />}
      {report.data && <Outline report={report.data} county={me.tenant.name} unitName={unitName} />}
    </>
  );
}

function Outline({
  report,
  county,
  unitName,
}: {
  report: AnnualReport;
  county: string;
  unitName: (id: string) => string;
}) {
  const s = report.statistics;
  const forms = Object.entries(s.supervision.byForm);
  const answered = Object.entries(report.suggestions.answered);
  return (
    <article class="print-doc print-report" aria-labelledby="doc-title">
      <h2 id="doc-title" class="report-title">
        {county}信访局{report.year}年度信访工作情况报告（提纲）
      </h2>
      <p class="doc-number">
        依据《信访工作条例》第四十一条 · 统计期间 {formatDate(s.period.from)}至
        {formatDate(s.period.to)}
      </p>

      <h3>一、信访事项数据统计、涉及领域以及被投诉较多的单位</h3>
      <p>
        全年共收到信访事项 {s.batches} 批次、{s.persons} 人次。按渠道：
        {joinSplits(s.byChannel, (v) => CHANNEL_LABELS[v as keyof typeof CHANNEL_LABELS] ?? v)}。
        按目的：
        {joinSplits(s.byPurpose, (v) => PURPOSE_LABELS[v as keyof typeof PURPOSE_LABELS] ?? v)}。
        按来源层级：{joinSplits(s.byLevel, (v) => LEVEL_LABELS[v] ?? v)}。
      </p>
      <p>
        涉及领域（内容大类，前五位）：
        {joinSplits(s.byCategory, (v) => CATEGORY_NAMES.get(v) ?? v, 5)}。
      </p>
      <table>
        <caption>主要指标</caption>
        <tbody>
          {(
            [
              ["及时受理率", s.timelyAcceptanceRate],
              ["按期答复率", s.onTimeReplyRate],
              ["参评率", s.evaluationRate],
              ["满意率（承办单位）", s.satisfactionRate.unit],
              ["满意率（信访部门）", s.satisfactionRate.office],
              ["重复信访率", s.repeatRate],
              ["一次性化解率", s.firstTimeResolutionRate],
              ["初信初访办结率", s.firstPetitionClosureRate],
            ] as const
          ).map(([name, rate]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{formatRate(rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        被投诉较多的单位（按被反映单位，前十位）：
        {report.complainedUnits.length === 0
          ? "本年度登记的事项均未指明被反映单位。"
          : `${report.complainedUnits.map((u) => `${unitName(u.value)} ${u.batches} 批次`).join("；")}。`}
      </p>

      <h3>二、转送、交办、督办情况</h3>
      <p>
        全年受理 {report.routed.accept} 件，转送 {report.routed.forward} 件，交办{" "}
        {report.routed.assign} 件（按决定作出日期统计）。启动督办 {s.supervision.opened}{" "}
        件，督办办结 {s.supervision.resolved} 件
        {forms.length > 0 &&
          `；按督办方式：${forms
            .map(
              ([form, n]) =>
                `${SUPERVISION_FORM_LABELS[form as keyof typeof SUPERVISION_FORM_LABELS] ?? "其它"} ${n} 件`,
            )
            .join("、")}`}
        。
      </p>

      <h3>三、提出改进工作、完善政策和追究责任建议以及被采纳情况</h3>
      <OfficeSuggestions report={report} unitName={unitName} />
      <p>
        系统记录的相关情况：全年收到意见建议类信访事项 {report.suggestions.received} 件
        {answered.length > 0
          ? `，已答复的按处理结果：${answered.map(([k, n]) => `${OUTCOME_LABELS[k] ?? k} ${n} 件`).join("、")}`
          : "，本年度尚无书面答复"}
        。
      </p>

      <h3>四、其他应当报告的事项</h3>
      <p>
        截至{formatDate(todayCst())}，积案 {report.backlog.total} 件：其中超过{" "}
        {report.backlog.backlogDays} 天未办结 {report.backlog.longOpen} 件，复核后再次信访{" "}
        {report.backlog.afterReview} 件。
      </p>
    </article>
  );
}

const countText = (c: SuggestionOutcomeCounts) =>
  c.total === 0
    ? "0 件"
    : `${c.total} 件，其中采纳 ${c.adopted} 件、部分采纳 ${c.partlyAdopted} 件、未采纳 ${c.notAdopted} 件、尚待反馈 ${c.pending} 件`;

/** §41 (三) from the office's register of its own suggestions. */
function OfficeSuggestions({
  report,
  unitName,
}: {
  report: AnnualReport;
  unitName: (id: string) => string;
}) {
  const { tenant } = useSession();
  const ours = report.officeSuggestions;
  return (
    <>
      <p>
        {ours.all.total === 0
          ? "本年度未登记信访部门提出的改进工作建议和完善政策建议。"
          : `全年向有关机关、单位提出建议 ${countText(ours.all)}。按类别：${SUGGESTION_KINDS.map(
              (k) => `${SUGGESTION_KIND_LABELS[k]} ${countText(ours.byKind[k])}`,
            ).join("；")}。`}
        追究责任建议不在本系统登记，如有请据实补充。
      </p>
      {ours.items.length > 0 && (
        <table>
          <caption>
            本年度提出的建议
            {ours.items.length < ours.all.total ? `（前 ${ours.items.length} 件）` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">发出日期</th>
              <th scope="col">标题</th>
              <th scope="col">类别</th>
              <th scope="col">报送单位</th>
              <th scope="col">采纳情况</th>
            </tr>
          </thead>
          <tbody>
            {ours.items.map((s) => (
              <tr key={s.id}>
                <td>{formatDate(s.sentOn)}</td>
                <th scope="row">{s.title}</th>
                <td>{SUGGESTION_KIND_LABELS[s.kind]}</td>
                <td>{unitName(s.unitId)}</td>
                <td>{SUGGESTION_OUTCOME_LABELS[s.outcome]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="no-print">
        <a href={consolePath(tenant, "/suggestions")}>到建议登记中登记建议或记录采纳情况</a>
      </p>
    </>
  );
}
