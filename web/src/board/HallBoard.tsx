import { useEffect, useMemo, useState } from "preact/hooks";
import type { ReceptionSession } from "../../../schema/api/reception.ts";
import type { ServerMessage as QueueMessage } from "../../../schema/realtime/reception-queue.ts";
import { getQueue, listSessions, queueWatchPath, socketUrl } from "../api/reception.ts";
import { formatDate, weekdayOf } from "../shared/dates.ts";
import { useDesks } from "../shared/desks.ts";
import { LIVE_STATUS_LABELS, useLiveSocket } from "../shared/live-socket.ts";
import { queueOf } from "../shared/public-queue.ts";
import { useClock } from "./Board.tsx";
import { DeskBoard } from "./DeskBoard.tsx";

const NEXT_SHOWN = 4;

/**
 * One board for a hall: every published session of the day (at the venue, when given) side
 * by side. Each panel watches its own session's object, as a one-session board does: a hall
 * holds a handful of sessions, each object already broadcasts to its watchers, and no
 * object in between has to copy every change of every queue.
 */
export function HallBoard({
  tenant,
  date,
  venue,
}: {
  tenant: string;
  date: string;
  venue: string | null;
}) {
  const [sessions, setSessions] = useState<ReceptionSession[] | null>(null);
  const [failed, setFailed] = useState(false);
  const clock = useClock();

  useEffect(() => {
    let live = true;
    listSessions(tenant, { from: date, to: date }).then(
      (list) => {
        if (!live) return;
        const here = list.sessions.filter(
          (s) => s.status === "published" && (!venue || s.venue === venue),
        );
        setSessions(here);
        document.title = `叫号大屏 · ${venue ?? "接访大厅"} · ${formatDate(date)}`;
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [tenant, date, venue]);

  return (
    <main class="board board--hall" data-testid="hall-board">
      <header class="board__head">
        <div>
          <h1 class="board__title">{venue ?? "接访大厅"}</h1>
          <p class="board__where">
            {formatDate(date)} {weekdayOf(date)} · 今日 {sessions?.length ?? 0} 场接访
          </p>
        </div>
        <p class="board__clock">{clock}</p>
      </header>
      {failed && (
        <p class="board__notice" role="alert">
          暂时无法读取今日接访安排，请稍后刷新。
        </p>
      )}
      {sessions?.length === 0 && <p class="board__empty">今日本场所没有已公示的接访。</p>}
      <ul class="board__hall">
        {(sessions ?? []).map((s) => (
          <HallPanel key={s.id} tenant={tenant} session={s} />
        ))}
      </ul>
    </main>
  );
}

function HallPanel({ tenant, session }: { tenant: string; session: ReceptionSession }) {
  const { message, status } = useLiveSocket<QueueMessage>(
    socketUrl(queueWatchPath(tenant, session.id)),
    () => getQueue(tenant, session.id).then((state) => ({ type: "state", state })),
  );
  const state = useMemo(() => queueOf(message, session.id), [message, session.id]);
  const joint = (state?.desks?.length ?? 0) > 1;
  const desks = useDesks(tenant, session.id, joint);
  const headingId = `hall-${session.id}`;
  return (
    <li class="board__panel" data-testid="hall-panel" data-session={session.id}>
      <section aria-labelledby={headingId}>
        <h2 id={headingId} class="board__panel-title">
          {session.leaderName} 接访
          <span class="board__position">
            {session.unitName} · {session.startTime}–{session.endTime}
          </span>
        </h2>
        {joint && state ? (
          <DeskBoard state={state} desks={desks} />
        ) : (
          <>
            <p class="board__panel-now" data-testid="hall-now">
              正在接待：
              <strong>{state?.nowServing ? `${state.nowServing.number} 号` : "—"}</strong>
            </p>
            <p class="board__desk-next">
              下一位：
              {(state?.waiting ?? [])
                .slice(0, NEXT_SHOWN)
                .map((t) => `${t.number} 号`)
                .join("、") || "暂无"}
            </p>
          </>
        )}
        <p class={`board__live board__live--${status}`}>{LIVE_STATUS_LABELS[status]}</p>
      </section>
    </li>
  );
}
