import { useState } from "preact/hooks";
import type { Petition } from "../../../../../schema/api/petitions.ts";
import type { ReceptionSession } from "../../../../../schema/api/reception.ts";
import type {
  DeskInfo,
  StaffQueueState,
  StaffTicket,
} from "../../../../../schema/realtime/reception-queue.ts";
import { isApiError } from "../../../api/client.ts";
import {
  callNext,
  routeTicket,
  type TicketOp,
  ticketOp,
  transferTicket,
} from "../../../api/reception-staff.ts";
import { formatTrackingCode } from "../../../shared/dates.ts";
import { formatDateTime } from "../../../shared/format.ts";
import { consolePath } from "../../../shared/tenant.ts";
import { useSession } from "../../session.ts";
import { ErrorAlert, SuccessStatus } from "../ErrorAlert.tsx";
import { CheckIn } from "./CheckIn.tsx";
import { CompleteForm } from "./CompleteForm.tsx";
import { RouteTicket } from "./DeskPicker.tsx";
import { DoneVisits } from "./DoneVisits.tsx";
import { Transfer } from "./TransferTicket.tsx";

const time = (iso: string | null) => (iso ? formatDateTime(iso).slice(-5) : "—");

/** One desk's screen: whom it serves, its actions, check-in, its queue and the day's record. */
export function Desk({
  desks,
  deskNumber,
  session,
  sameDay,
  state,
  refresh,
  catalog,
  units,
}: {
  desks: DeskInfo[];
  deskNumber: number;
  session: ReceptionSession;
  sameDay: ReceptionSession[];
  state: StaffQueueState;
  refresh: () => Promise<void>;
  catalog: Parameters<typeof CompleteForm>[0]["catalog"];
  units: Parameters<typeof CompleteForm>[0]["units"];
}) {
  const { tenant } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [completing, setCompleting] = useState<StaffTicket | null>(null);
  const [registered, setRegistered] = useState<{ ticket: number; petition: Petition } | null>(null);

  /** Runs a desk action, shows its outcome and reads the state at once. */
  const act = async (key: string, run: () => Promise<string>) => {
    setBusy(key);
    setError(null);
    setMessage(null);
    try {
      setMessage(await run());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
      void refresh();
    }
  };

  const next = () =>
    act("call", async () => {
      try {
        const ticket = await callNext(tenant, session.id, joint ? deskNumber : undefined);
        setRegistered(null);
        return `请 ${ticket.number} 号 ${ticket.label} 到${joint ? ` ${deskNumber} 号窗口` : "接待室"}`;
      } catch (err) {
        if (isApiError(err) && err.status === 404) return "没有等候的群众。";
        throw err;
      }
    });

  const op = (ticket: StaffTicket, kind: TicketOp, done: string) =>
    act(`${kind}:${ticket.number}`, async () => {
      const t = await ticketOp(tenant, session.id, ticket.number, kind);
      return `${t.number} 号${done}`;
    });

  const route = (ticket: StaffTicket, to: number) =>
    act(`route:${ticket.number}`, async () => {
      const t = await routeTicket(tenant, session.id, ticket.number, to);
      return `${t.number} 号已分流到 ${to} 号窗口`;
    });

  // At a joint reception this screen shows its own desk: whom it serves and its queue.
  const joint = desks.length > 1;
  const now = joint
    ? (state.desks?.find((d) => d.number === deskNumber)?.nowServing ?? null)
    : state.nowServing;
  const waiting = joint ? state.waiting.filter((t) => t.desk === deskNumber) : state.waiting;
  return (
    <div class="desk">
      <SuccessStatus message={message} />
      <ErrorAlert error={error} />

      <section class="card desk__now" aria-labelledby="now-title" data-testid="desk-now">
        <h2 id="now-title">当前接待</h2>
        {now ? (
          <>
            <p class="desk__number">
              <strong>{now.number} 号</strong> {now.label}
              {now.headcount > 1 && <span class="tag tag--info">{now.headcount} 人</span>}
              <span class="tag">
                {now.kind === "booked" ? `预约 ${now.slotStart ?? ""}` : "现场"}
              </span>
              {now.calls > 1 && <span class="tag tag--warn">已呼叫 {now.calls} 次</span>}
            </p>
            {now.topic && <p class="desk__topic">反映问题：{now.topic}</p>}
            {now.bookingCode && <p class="hint">预约码 {now.bookingCode}</p>}
            {completing?.number !== now.number && (
              <p class="actions">
                <button
                  type="button"
                  class="button button--primary"
                  disabled={busy !== null}
                  onClick={() => setCompleting(now)}
                >
                  办结
                </button>
                <button
                  type="button"
                  class="button"
                  disabled={busy !== null}
                  onClick={() => op(now, "recall", "已重新呼叫")}
                >
                  重呼
                </button>
                <button
                  type="button"
                  class="button"
                  disabled={busy !== null}
                  onClick={() => op(now, "no-show", "记为未到")}
                >
                  未到
                </button>
                <button
                  type="button"
                  class="button"
                  disabled={busy !== null}
                  onClick={() => op(now, "park", "暂离，保留排队位置")}
                >
                  暂离
                </button>
                {joint && (
                  <RouteTicket
                    ticket={now}
                    desks={desks}
                    disabled={busy !== null}
                    onRoute={(to) => route(now, to)}
                  />
                )}
                <Transfer
                  ticket={now}
                  sameDay={sameDay}
                  disabled={busy !== null}
                  onMove={(to) =>
                    act(`transfer:${now.number}`, async () => {
                      const result = await transferTicket(tenant, session.id, now.number, to.id);
                      return `${now.number} 号已转给 ${to.leaderName}，新号码 ${result.to.number} 号`;
                    })
                  }
                />
              </p>
            )}
          </>
        ) : (
          <p class="muted">暂无正在接待的群众。</p>
        )}
        {registered && (
          <div class="alert alert--success" role="status" data-testid="desk-registered">
            <p>
              {registered.ticket} 号已办结，登记为信访事项，查询码{" "}
              <strong data-code={registered.petition.trackingCode}>
                {formatTrackingCode(registered.petition.trackingCode)}
              </strong>
              。请将查询码告知信访人。
            </p>
            <p>
              <a
                href={consolePath(
                  tenant,
                  `/petitions/${encodeURIComponent(registered.petition.id)}`,
                )}
              >
                打开该信访事项
              </a>
            </p>
          </div>
        )}
        <p class="actions">
          <button
            type="button"
            class="button button--primary button--large"
            disabled={busy !== null || session.status === "cancelled"}
            aria-busy={busy === "call"}
            onClick={next}
          >
            叫号（下一位）
          </button>
        </p>
      </section>

      {completing && now?.number === completing.number && (
        <CompleteForm
          sessionId={session.id}
          ticket={completing}
          catalog={catalog}
          units={units}
          onClose={() => setCompleting(null)}
          onDone={(petition) => {
            setRegistered({ ticket: completing.number, petition });
            setCompleting(null);
            setMessage(`${completing.number} 号已办结。`);
            void refresh();
          }}
        />
      )}

      <CheckIn session={session} desk={joint ? deskNumber : undefined} onDone={refresh} />

      <section class="card" aria-labelledby="waiting-title">
        <h2 id="waiting-title">
          {joint && `${deskNumber} 号窗口 `}等候 {waiting.length} 人
          <span class="hint"> 按叫号顺序</span>
        </h2>
        {waiting.length === 0 ? (
          <p class="muted">暂无等候。</p>
        ) : (
          <ol class="queue-list" data-testid="desk-waiting">
            {waiting.map((t) => (
              <li key={t.number}>
                <strong>{t.number} 号</strong> {t.label}
                <span class="muted">
                  {" "}
                  {t.kind === "booked" ? `预约 ${t.slotStart ?? ""}` : "现场"} ·{" "}
                  {time(t.checkedInAt)} 签到
                </span>
                {t.topic && <span class="queue-list__topic">{t.topic}</span>}
                {joint && (
                  <RouteTicket
                    ticket={t}
                    desks={desks}
                    disabled={busy !== null}
                    onRoute={(to) => route(t, to)}
                  />
                )}
              </li>
            ))}
          </ol>
        )}
        {state.parked.length > 0 && (
          <>
            <h3>暂离</h3>
            <ul class="queue-list">
              {state.parked.map((t) => (
                <li key={t.number}>
                  <strong>{t.number} 号</strong> {t.label}{" "}
                  <button
                    type="button"
                    class="button button--small"
                    disabled={busy !== null}
                    onClick={() => op(t, "resume", "已回到队列")}
                  >
                    恢复排队
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <DoneVisits sessionId={session.id} state={state} />
    </div>
  );
}
