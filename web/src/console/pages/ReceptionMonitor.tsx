import { useEffect, useState } from "preact/hooks";
import type { ReceptionSession } from "../../../../schema/api/reception.ts";
import type {
  MonitorMessage,
  SessionSummary,
} from "../../../../schema/realtime/reception-queue.ts";
import { monitorWatchPath, socketUrl } from "../../api/reception.ts";
import { getSchedule } from "../../api/reception-staff.ts";
import { formatDate, todayCst, weekdayOf } from "../../shared/dates.ts";
import { LIVE_STATUS_LABELS, useLiveSocket } from "../../shared/live-socket.ts";
import { boardPath, consolePath } from "../../shared/tenant.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { Loading } from "../components/Loading.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

const minutes = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : `${Math.round(value)} 分钟`;

/** The county office's view of every session today, live. */
export function ReceptionMonitorPage() {
  const { tenant, me } = useSession();
  usePageTitle("实时监控", me.tenant.name);
  const [today, setToday] = useState(todayCst());
  const { message, status } = useLiveSocket<MonitorMessage>(socketUrl(monitorWatchPath(tenant)));
  const date = message?.date ?? today;
  const schedule = useAsync(
    () => getSchedule(tenant, { from: date, to: date }),
    `${tenant}:${date}`,
  );

  // Past midnight the monitor moves on to the new day.
  useEffect(() => {
    const timer = setInterval(() => setToday(todayCst()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const sessions = (schedule.data?.sessions ?? []).filter((s) => s.status !== "draft");
  const summaries = new Map<string, SessionSummary>(
    (message?.sessions ?? []).map((s) => [s.sessionId, s]),
  );
  // A session the schedule does not list yet (published a moment ago): reload the names.
  const unknown = [...summaries.keys()].some((id) => !sessions.some((s) => s.id === id));
  useEffect(() => {
    if (unknown && !schedule.loading) schedule.reload();
  }, [unknown]);

  const totals = [...summaries.values()].reduce(
    (sum, s) => ({
      waiting: sum.waiting + s.waiting,
      served: sum.served + s.served,
      noShows: sum.noShows + s.noShows,
      longest: Math.max(sum.longest, s.longestWaitMinutes),
    }),
    { waiting: 0, served: 0, noShows: 0, longest: 0 },
  );

  return (
    <>
      <h1>实时监控</h1>
      <p class="lead">
        {formatDate(date)} {weekdayOf(date)} 全县各乡镇、部门领导接访的排队情况，实时更新。
        <span class={`hint desk-live desk-live--${status}`} role="status">
          {" "}
          {LIVE_STATUS_LABELS[status]}
        </span>
      </p>
      <section class="monitor-totals" aria-label="全县合计">
        <p>
          <span class="monitor-totals__value">
            {sessions.filter((s) => s.status === "published").length}
          </span>
          场接访
        </p>
        <p>
          <span class="monitor-totals__value" data-testid="monitor-waiting">
            {totals.waiting}
          </span>
          人等候
        </p>
        <p>
          <span class="monitor-totals__value">{totals.served}</span>人已接待
        </p>
        <p>
          <span class="monitor-totals__value">{totals.noShows}</span>人未到
        </p>
        <p>
          <span class="monitor-totals__value">{Math.round(totals.longest)}</span>分钟最长等候
        </p>
      </section>
      <ErrorAlert error={schedule.error} />
      {schedule.loading && !schedule.data && <Loading what="今日接访" />}
      {schedule.data && sessions.length === 0 && <p class="card">今天没有安排接访。</p>}
      {sessions.length > 0 && (
        <div class="table-wrap">
          <table class="table monitor-table" data-testid="monitor">
            <caption class="visually-hidden">今日各场接访的排队情况</caption>
            <thead>
              <tr>
                <th scope="col">单位 / 领导</th>
                <th scope="col">时间、地点</th>
                <th scope="col">正在接待</th>
                <th scope="col">等候</th>
                <th scope="col">已接待</th>
                <th scope="col">未到</th>
                <th scope="col">平均等候</th>
                <th scope="col">最长等候</th>
                <th scope="col">查看</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <Row key={s.id} tenant={tenant} session={s} summary={summaries.get(s.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Row({
  tenant,
  session,
  summary,
}: {
  tenant: string;
  session: ReceptionSession;
  summary: SessionSummary | undefined;
}) {
  const long = (summary?.longestWaitMinutes ?? 0) >= 60;
  return (
    <tr data-session={session.id} class={long ? "monitor-table__late" : undefined}>
      <th scope="row">
        {session.unitName}
        <br />
        {session.leaderName}
        {session.status === "cancelled" && <span class="tag tag--bad">已取消</span>}
      </th>
      <td>
        {session.startTime}–{session.endTime}
        <br />
        <span class="muted">{session.venue}</span>
      </td>
      <td>{summary?.nowServing ? `${summary.nowServing} 号` : "—"}</td>
      <td>{summary?.waiting ?? 0}</td>
      <td>{summary?.served ?? 0}</td>
      <td>{summary?.noShows ?? 0}</td>
      <td>{minutes(summary?.averageWaitMinutes)}</td>
      <td>
        {minutes(summary?.longestWaitMinutes ?? 0)}
        {long && <span class="tag tag--warn">较长</span>}
      </td>
      <td>
        <a href={consolePath(tenant, `/reception/${encodeURIComponent(session.id)}`)}>接访台</a>
        <br />
        <a href={boardPath(tenant, session.id)} target="_blank" rel="noopener">
          大屏
        </a>
      </td>
    </tr>
  );
}
