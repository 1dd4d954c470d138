import { useEffect, useState } from "preact/hooks";
import type {
  StaffQueueState,
  StaffTicket,
} from "../../../../../schema/realtime/reception-queue.ts";
import { listDoneTickets } from "../../../api/reception-staff.ts";
import { formatDateTime } from "../../../shared/format.ts";
import { TICKET_STATUS_LABELS } from "../../../shared/reception-labels.ts";
import { consolePath } from "../../../shared/tenant.ts";
import { useSession } from "../../session.ts";
import { ErrorAlert } from "../ErrorAlert.tsx";

const time = (iso: string | null) => (iso ? formatDateTime(iso).slice(-5) : "—");

/**
 * The day's record at the desk: its figures and every finished visit. The live state carries
 * only the latest visits (the list grows all day and would ride on every change to every
 * staff screen), so the whole list is read over HTTP whenever the count changes; until it
 * arrives the latest ones are shown.
 */
export function DoneVisits({ sessionId, state }: { sessionId: string; state: StaffQueueState }) {
  const { tenant } = useSession();
  const [all, setAll] = useState<{ count: number; tickets: StaffTicket[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const count = state.doneCount;

  useEffect(() => {
    if (count === 0) return;
    let live = true;
    listDoneTickets(tenant, sessionId).then(
      (answer) => {
        if (!live) return;
        setAll({ count, tickets: answer.tickets });
        setError(null);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [tenant, sessionId, count]);

  // The full list once it is as new as the count; until then the latest from the socket.
  const tickets = all && all.count >= count ? all.tickets : state.done;
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">
        今日记录：已接待 {state.served} 人，未到 {state.noShows} 人
      </h2>
      <p class="hint">
        {state.averageServiceMinutes !== null &&
          `平均接待 ${Math.round(state.averageServiceMinutes)} 分钟；`}
        最长等候 {Math.round(state.longestWaitMinutes)} 分钟。
      </p>
      <ErrorAlert error={error} />
      {count > 0 && tickets.length > 0 && (
        <table class="table" data-testid="desk-done">
          <thead>
            <tr>
              <th scope="col">号码</th>
              <th scope="col">姓名</th>
              <th scope="col">结果</th>
              <th scope="col">时间</th>
              <th scope="col">信访事项</th>
            </tr>
          </thead>
          <tbody>
            {tickets.map((t) => (
              <tr key={t.number}>
                <td>{t.number}</td>
                <td>{t.label}</td>
                <td>{TICKET_STATUS_LABELS[t.status] ?? t.status}</td>
                <td>{time(t.completedAt ?? t.calledAt)}</td>
                <td>
                  {t.petitionId ? (
                    <a href={consolePath(tenant, `/petitions/${encodeURIComponent(t.petitionId)}`)}>
                      查看
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
