import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { BookingView as Booking } from "../../../schema/api/reception.ts";
import type {
  ServerMessage as QueueMessage,
  QueueState,
} from "../../../schema/realtime/reception-queue.ts";
import { getQueue, queueWatchPath, socketUrl } from "../api/reception.ts";
import { TextField } from "../console/components/Field.tsx";
import { deskLabel, useDesks } from "../shared/desks.ts";
import { LIVE_STATUS_LABELS, useLiveSocket } from "../shared/live-socket.ts";
import { queueOf } from "../shared/public-queue.ts";
import { loadSavedBooking, saveBooking } from "./saved-booking.ts";

/** Where a ticket is: being served, or waiting with so many ahead of it at its own desk. */
export function queuePosition(state: QueueState, ticket: number) {
  const serving = state.desks ? state.desks.map((d) => d.nowServing) : [state.nowServing];
  const called = serving.find((t) => t?.number === ticket);
  if (called) return { kind: "yours" as const, desk: called.desk };
  const mine = state.waiting.find((t) => t.number === ticket);
  if (mine) {
    const ahead = state.waiting.filter((t) => t.desk === mine.desk).indexOf(mine);
    return { kind: "waiting" as const, ahead, eta: mine.etaMinutes, desk: mine.desk };
  }
  if (state.parked.some((t) => t.number === ticket)) return { kind: "parked" as const };
  return { kind: "gone" as const };
}

export function LiveQueue({
  tenant,
  booking,
  slotMinutes,
  onBookingStale,
}: {
  tenant: string;
  booking: Booking;
  slotMinutes: number | null;
  onBookingStale: () => void;
}) {
  const { message, status } = useLiveSocket<QueueMessage>(
    socketUrl(queueWatchPath(tenant, booking.sessionId)),
    () => getQueue(tenant, booking.sessionId).then((state) => ({ type: "state", state })),
  );
  const state = useMemo(() => queueOf(message, booking.sessionId), [message, booking.sessionId]);
  const stored = loadSavedBooking(tenant);
  const [ticket, setTicket] = useState<number | null>(
    booking.ticketNumber ?? (stored?.code === booking.bookingCode ? (stored.ticket ?? null) : null),
  );
  const [typed, setTyped] = useState("");
  const staleRef = useRef(onBookingStale);
  staleRef.current = onBookingStale;

  useEffect(() => {
    if (booking.ticketNumber) setTicket(booking.ticketNumber);
  }, [booking.ticketNumber]);

  // Until the booking shows as checked in, each change of the queue may be this citizen's
  // check-in: read the booking again (it may carry the ticket number). Once the ticket has
  // left the queue, the booking may carry the case registered from the visit.
  const gone = state !== null && ticket !== null && queuePosition(state, ticket).kind === "gone";
  useEffect(() => {
    if (state && (booking.status === "active" || (booking.status === "checked_in" && gone))) {
      staleRef.current();
    }
  }, [state, booking.status, gone]);

  const keep = (number: number | null) => {
    setTicket(number);
    const saved = loadSavedBooking(tenant);
    if (saved?.code === booking.bookingCode) {
      const { ticket: _old, ...rest } = saved;
      saveBooking(tenant, number === null ? rest : { ...rest, ticket: number });
    }
  };

  const position = state && ticket !== null ? queuePosition(state, ticket) : null;
  const joint = (state?.desks?.length ?? 0) > 1;
  const desks = useDesks(tenant, booking.sessionId, joint);
  const deskOf = (number: number) =>
    deskLabel(
      desks.find((d) => d.number === number),
      number,
    );
  const perPerson = state?.averageServiceMinutes ?? slotMinutes;
  // The server's estimate when it gives one; otherwise the people ahead times the pace.
  const eta =
    position?.kind === "waiting"
      ? (position.eta ?? (perPerson === null ? null : position.ahead * perPerson))
      : null;
  return (
    <section class="card live-queue" aria-labelledby="queue-title" data-testid="live-queue">
      <h2 id="queue-title">今日排队情况</h2>
      <p class="hint">{LIVE_STATUS_LABELS[status]}</p>
      {state && (
        <p class="queue-now">
          正在接待：
          <strong data-testid="now-serving">
            {state.nowServing ? `${state.nowServing.number} 号` : "暂无"}
          </strong>
          ，等候 <strong>{state.waiting.length}</strong> 人
        </p>
      )}
      <div aria-live="assertive" aria-atomic="true">
        {position?.kind === "yours" && (
          <p class="your-turn" data-testid="your-turn">
            {ticket} 号，请到{joint ? ` ${deskOf(position.desk)}` : "接待室"}
          </p>
        )}
      </div>
      <div aria-live="polite" aria-atomic="true" data-testid="queue-position">
        {position?.kind === "waiting" && (
          <p class="queue-ahead">
            您是 <strong>{ticket} 号</strong>，前面还有 <strong>{position.ahead}</strong> 人
            {eta !== null && position.ahead > 0 && (
              <>，预计等候约 {Math.max(1, Math.round(eta))} 分钟</>
            )}
            {position.ahead === 0 && "，下一位就是您，请在接待室门口等候"}
          </p>
        )}
        {joint && position?.kind === "waiting" && (
          <p class="queue-desk" data-testid="queue-desk">
            您在 <strong>{deskOf(position.desk)}</strong> 排队
          </p>
        )}
        {position?.kind === "parked" && (
          <p>您（{ticket} 号）已暂离队列，回到等候区后请告知工作人员恢复排队。</p>
        )}
        {position?.kind === "gone" && (
          <p>{ticket} 号不在当前队列中（可能已接待完毕或号码有误）。</p>
        )}
      </div>
      {ticket === null ? (
        <form
          noValidate
          class="form form--inline"
          onSubmit={(event) => {
            event.preventDefault();
            const n = Number(typed.normalize("NFKC").trim());
            if (Number.isInteger(n) && n > 0) keep(n);
          }}
        >
          <TextField
            id="queue-ticket"
            label="我的排队号"
            inputMode="numeric"
            value={typed}
            onValue={setTyped}
            maxLength={4}
            hint="签到后工作人员告知的号码，输入后可查看前面还有几人。"
          />
          <button type="submit" class="button">
            跟踪排队
          </button>
        </form>
      ) : (
        !booking.ticketNumber && (
          <button type="button" class="button button--small" onClick={() => keep(null)}>
            更换排队号
          </button>
        )
      )}
    </section>
  );
}
