import { useEffect, useState } from "preact/hooks";
import type { ReceptionSession } from "../../../schema/api/reception.ts";
import { listSessions } from "../api/reception.ts";
import { formatDate, weekdayOf } from "../shared/dates.ts";
import { receptionPath } from "../shared/tenant.ts";

const SHOWN = 5;

/** The next published reception days, with the way to book one. */
export function UpcomingSessions({ tenant }: { tenant: string }) {
  const [sessions, setSessions] = useState<ReceptionSession[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    listSessions(tenant).then(
      (list) => {
        if (!live) return;
        const next = list.sessions
          .filter((s) => s.status === "published")
          .sort((a, b) => `${a.date}${a.startTime}`.localeCompare(`${b.date}${b.startTime}`));
        setSessions(next.slice(0, SHOWN));
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [tenant]);

  return (
    <section class="card" aria-labelledby="sessions-title" data-testid="upcoming-sessions">
      <h2 id="sessions-title">领导接访安排</h2>
      <p>县领导定期接待来访群众。可以在网上预约时段，到场后凭预约码签到，也可以直接到场排队。</p>
      {sessions === null && !failed && (
        <p class="muted" role="status">
          正在加载接访安排…
        </p>
      )}
      {failed && <p class="muted">接访安排暂时无法显示，请点击下方按钮查看。</p>}
      {sessions?.length === 0 && <p class="muted">近期暂无已公布的接访安排。</p>}
      {sessions && sessions.length > 0 && (
        <ul class="upcoming">
          {sessions.map((s) => (
            <li key={s.id} data-testid="upcoming-session">
              <strong>
                {formatDate(s.date)}（{weekdayOf(s.date)}）{s.startTime}–{s.endTime}
              </strong>
              <span>
                {s.leaderName}
                {s.leaderPosition && ` ${s.leaderPosition}`} · {s.formLabel}
              </span>
              <span class="muted">{s.venue}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="button button--primary" href={receptionPath(tenant)}>
          预约接访
        </a>
      </p>
    </section>
  );
}
