import type { ComponentChildren } from "preact";
import type { WorkList } from "../../../../../schema/api/search.ts";
import type { MonitorMessage } from "../../../../../schema/realtime/reception-queue.ts";
import { listUnits } from "../../../api/console.ts";
import { listMyReceptionDays, receptionSheetHref } from "../../../api/home.ts";
import { listPetitions } from "../../../api/petitions.ts";
import { monitorWatchPath, socketUrl } from "../../../api/reception.ts";
import { searchPetitions } from "../../../api/search.ts";
import { getStatistics, type Statistics } from "../../../api/statistics.ts";
import { formatDate, todayCst, weekdayOf } from "../../../shared/dates.ts";
import { LIVE_STATUS_LABELS, useLiveSocket } from "../../../shared/live-socket.ts";
import { consolePath } from "../../../shared/tenant.ts";
import { useAsync } from "../../hooks.ts";
import { CaseRow } from "../../pages/Work.tsx";
import { useSession } from "../../session.ts";
import { ErrorAlert } from "../ErrorAlert.tsx";
import { Loading } from "../Loading.tsx";
import { formatRate } from "../statistics/RatesTable.tsx";
import "../statistics/statistics.css";

/** How many cases a home card lists before "all of them" links to the full list. */
const SHOWN = 5;

function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

const change = (now: number, before: number) => {
  if (now === before) return "与上月持平";
  return now > before ? `比上月多 ${now - before}` : `比上月少 ${before - now}`;
};

/** A table that may scroll sideways on a phone: focusable, so the keyboard can scroll it. */
function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section class="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

/** This month against last month and the same month last year, with the way into 数据统计. */
function Headline({ id, title, scope }: { id: string; title: string; scope: "county" | "tree" }) {
  const { tenant, me } = useSession();
  const month = todayCst().slice(0, 7);
  const q = scope === "county" ? ({ scope } as const) : ({ scope, unitId: me.unit.id } as const);
  const figures = useAsync(
    () =>
      Promise.all([
        getStatistics(tenant, { month, ...q }),
        getStatistics(tenant, { month: previousMonth(month), ...q }),
        getStatistics(tenant, { month: `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`, ...q }),
      ]),
    `${tenant}/${month}/${scope}`,
  );
  const [now, before, lastYear] = figures.data ?? [];
  const row = (label: string, value: (s: Statistics) => string, n?: (s: Statistics) => number) =>
    now && before && lastYear ? (
      <tr>
        <th scope="row" data-label="指标">
          {label}
        </th>
        <td data-label="本月">{value(now)}</td>
        <td data-label="上月">{value(before)}</td>
        <td data-label="去年同月">{value(lastYear)}</td>
        <td data-label="较上月">{n ? change(n(now), n(before)) : "—"}</td>
      </tr>
    ) : null;
  return (
    <section class="card home-wide" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ErrorAlert error={figures.error} />
      {figures.loading && !figures.data && <Loading what="统计数据" />}
      {now && before && (
        <ScrollRegion label="本月与上月">
          <table class="table">
            <caption class="visually-hidden">本月与上月、去年同月的主要数据</caption>
            <thead>
              <tr>
                <th scope="col">指标</th>
                <th scope="col">本月</th>
                <th scope="col">上月</th>
                <th scope="col">去年同月</th>
                <th scope="col">较上月</th>
              </tr>
            </thead>
            <tbody>
              {row(
                "批次",
                (s) => String(s.batches),
                (s) => s.batches,
              )}
              {row(
                "人次",
                (s) => String(s.persons),
                (s) => s.persons,
              )}
              {row("及时受理率", (s) => formatRate(s.timelyAcceptanceRate))}
              {row("按期答复率", (s) => formatRate(s.onTimeReplyRate))}
              {row("满意率（承办单位）", (s) => formatRate(s.satisfactionRate.unit))}
              {row(
                "督办启动",
                (s) => String(s.supervision.opened),
                (s) => s.supervision.opened,
              )}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p>
        <a href={consolePath(tenant, "/statistics")}>打开数据统计</a>
        ：各单位排名、十二个月趋势，每个数字都能点开背后的事项。
      </p>
    </section>
  );
}

type CaseSource = { kind: "list"; list: WorkList } | { kind: "overdue" };

/** The first few cases of a work list, each opening the case, and a link to all of them. */
function CaseCard({
  id,
  title,
  empty,
  source,
}: {
  id: string;
  title: string;
  empty: string;
  source: CaseSource;
}) {
  const { tenant } = useSession();
  const key = source.kind === "list" ? source.list : "overdue";
  const cases = useAsync(
    () =>
      source.kind === "list"
        ? searchPetitions(tenant, { list: source.list, limit: String(SHOWN) })
        : listPetitions(tenant, { overdue: true, limit: SHOWN }),
    `${tenant}/${key}`,
  );
  const units = useAsync(() => listUnits(tenant).then((r) => r.units), tenant);
  const unitName = (unitId: string) => units.data?.find((u) => u.id === unitId)?.name ?? "";
  const all =
    source.kind === "list"
      ? consolePath(tenant, `/search?list=${source.list}`)
      : consolePath(tenant, "/work?overdue=true");
  const items = cases.data?.items ?? [];
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ErrorAlert error={cases.error} />
      {cases.loading && !cases.data && <Loading what="事项" />}
      {cases.data && items.length === 0 && <p class="hint">{empty}</p>}
      {items.length > 0 && (
        <ul class="case-list">
          {items.map((item) => (
            <CaseRow key={item.id} tenant={tenant} item={item} unitName={unitName} />
          ))}
        </ul>
      )}
      {cases.data?.nextCursor && (
        <p>
          <a href={all}>{title}：查看全部</a>
        </p>
      )}
    </section>
  );
}

/** Today's reception queues across the county, live from the monitor. */
function TodayQueues() {
  const { tenant } = useSession();
  const { message, status } = useLiveSocket<MonitorMessage>(socketUrl(monitorWatchPath(tenant)));
  const sessions = message?.sessions ?? [];
  const sum = (pick: (s: (typeof sessions)[number]) => number) =>
    sessions.reduce((t, s) => t + pick(s), 0);
  const date = message?.date ?? todayCst();
  return (
    <section class="card" aria-labelledby="home-queues">
      <h2 id="home-queues">今日接访</h2>
      <p class="hint">
        {formatDate(date)} {weekdayOf(date)}
        <span role="status"> {LIVE_STATUS_LABELS[status]}</span>
      </p>
      <dl class="facts" data-testid="home-queues">
        <dt>开放接访</dt>
        <dd>{sessions.length} 场</dd>
        <dt>正在等候</dt>
        <dd>{sum((s) => s.waiting)} 人</dd>
        <dt>已接待</dt>
        <dd>{sum((s) => s.served)} 人</dd>
        <dt>最长等候</dt>
        <dd>{Math.max(0, ...sessions.map((s) => s.longestWaitMinutes))} 分钟</dd>
      </dl>
      <p>
        <a href={consolePath(tenant, "/reception-monitor")}>打开实时监控</a>
        ：各场接访的排队人数和等候时间。
      </p>
    </section>
  );
}

/** The quarter's two sheets filed with the joint conference: the county's, or the unit's own. */
function QuarterSheets() {
  const { tenant } = useSession();
  const quarter = quarterOf(todayCst());
  return (
    <section class="card" aria-labelledby="home-sheets">
      <h2 id="home-sheets">本季度领导接访报表</h2>
      <ul>
        <li>
          <a href={receptionSheetHref(tenant, "reception-register", quarter)} download>
            下载《领导干部接待群众来访登记表》
          </a>
        </li>
        <li>
          <a href={receptionSheetHref(tenant, "reception-statistics", quarter)} download>
            下载《领导干部接待群众来访情况统计表》
          </a>
        </li>
      </ul>
      <p class="hint">Excel 格式，统计期间为 {quarter.replace("-Q", " 年第 ")} 季度。</p>
    </section>
  );
}

/** The leader's own reception days and what they received. */
function MyReceptionDays() {
  const { tenant } = useSession();
  const days = useAsync(() => listMyReceptionDays(tenant), tenant);
  const items = days.data?.items ?? [];
  return (
    <section class="card" aria-labelledby="home-my-days">
      <h2 id="home-my-days">我的接访日</h2>
      <ErrorAlert error={days.error} />
      {days.loading && !days.data && <Loading what="接访记录" />}
      {days.data && items.length === 0 && <p class="hint">近 90 天没有接访记录。</p>}
      {items.length > 0 && (
        <ScrollRegion label="近 90 天接访">
          <table class="table">
            <caption class="visually-hidden">近 90 天我接待的群众</caption>
            <thead>
              <tr>
                <th scope="col">接访日</th>
                <th scope="col">批次</th>
                <th scope="col">人次</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.sessionId}>
                  <th scope="row" data-label="接访日">
                    {formatDate(d.date)}
                  </th>
                  <td data-label="批次">{d.visits}</td>
                  <td data-label="人次">{d.persons}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p>
        <a href={consolePath(tenant, "/reception")}>查看接访安排</a>
      </p>
    </section>
  );
}

/**
 * What each role sees first: the county office its queues today, the county's overdue cases
 * and those due within seven days (本周到期), this month against last and the quarter's sheets; a township or bureau the
 * same for itself; a leader their 包案 cases, what awaits their signature and their reception
 * days. Every card
 * links one click further (数据统计, the full list, the case), so "how are we doing, where,
 * and why" is three clicks from here.
 */
export function HomeDashboards() {
  const { me } = useSession();
  const roles = me.staff.roles;
  const works = roles.some((r) =>
    ["clerk", "handler", "leader", "supervisor", "viewer"].includes(r),
  );
  const leader = roles.includes("leader");
  const office = me.unit.kind === "county";
  if (!works) return null;
  return (
    <div class="home-grid">
      {leader && (
        <>
          <CaseCard
            id="home-mine"
            title="我包案的"
            empty="目前没有您包案的事项。"
            source={{ kind: "list", list: "mine" }}
          />
          <CaseCard
            id="home-to-sign"
            title="待我签字"
            empty="没有等您签字的事项。"
            source={{ kind: "list", list: "toSign" }}
          />
          <MyReceptionDays />
        </>
      )}
      {office && <TodayQueues />}
      <CaseCard
        id="home-overdue"
        title={office ? "全县超期事项" : "本单位超期"}
        empty="没有超期的事项。"
        source={office ? { kind: "overdue" } : { kind: "list", list: "unitOverdue" }}
      />
      <CaseCard
        id="home-due-week"
        title={office ? "全县本周到期（7 日内）" : "本单位本周到期（7 日内）"}
        empty="7 日内没有到期的事项。"
        source={{ kind: "list", list: "dueThisWeek" }}
      />
      <Headline
        id="home-figures"
        title={office ? "全县本月与上月" : `${me.unit.name}本月与上月`}
        scope={office ? "county" : "tree"}
      />
      <QuarterSheets />
    </div>
  );
}
