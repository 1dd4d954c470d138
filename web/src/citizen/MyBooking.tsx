import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { BookingView as Booking, SessionWithSlots } from "../../../schema/api/reception.ts";
import type {
  ServerMessage as QueueMessage,
  QueueState,
} from "../../../schema/realtime/reception-queue.ts";
import { isApiError } from "../api/client.ts";
import {
  cancelBooking,
  getBooking,
  getQueue,
  getSession,
  nearestFree,
  queueWatchPath,
  rescheduleBooking,
  socketUrl,
} from "../api/reception.ts";
import { fieldErrors } from "../console/components/ErrorAlert.tsx";
import { TextField } from "../console/components/Field.tsx";
import { todayCst } from "../shared/dates.ts";
import { deskLabel, useDesks } from "../shared/desks.ts";
import { LIVE_STATUS_LABELS, useLiveSocket } from "../shared/live-socket.ts";
import { queueOf } from "../shared/public-queue.ts";
import { trackPath } from "../shared/tenant.ts";
import { BookingCard, WhatToBring } from "./BookingCard.tsx";
import { CitizenErrorAlert } from "./CitizenError.tsx";
import { SlotPicker } from "./SlotPicker.tsx";

interface Saved {
  code: string;
  last4: string;
  ticket?: number;
}

// Kept on the citizen's own phone so the page reopens on their booking on the day.
const storeKey = (tenant: string) => `lianxin:booking:${tenant}`;

function loadSaved(tenant: string): Saved | null {
  try {
    const value = JSON.parse(localStorage.getItem(storeKey(tenant)) ?? "null") as Saved | null;
    return value && typeof value.code === "string" && typeof value.last4 === "string"
      ? value
      : null;
  } catch {
    return null;
  }
}

function save(tenant: string, value: Saved | null) {
  try {
    if (value) localStorage.setItem(storeKey(tenant), JSON.stringify(value));
    else localStorage.removeItem(storeKey(tenant));
  } catch {
    // Private mode or storage full: the page still works, it just will not remember.
  }
}

const cleanCode = (code: string) => code.normalize("NFKC").replace(/[\s-]/g, "").toUpperCase();

export function MyBookingPage({ tenant, initialCode }: { tenant: string; initialCode: string }) {
  const saved = loadSaved(tenant);
  const remembered =
    saved && (!initialCode || cleanCode(initialCode) === saved.code) ? saved : null;
  const [code, setCode] = useState(initialCode || remembered?.code || "");
  const [last4, setLast4] = useState(remembered?.last4 ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [found, setFound] = useState<{ booking: Booking; last4: string } | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const lookUp = async (creds: { code: string; last4: string }, focus: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const booking = await getBooking(tenant, creds.code, creds.last4);
      setFound({ booking, last4: creds.last4 });
      const previous = loadSaved(tenant);
      save(tenant, {
        code: booking.bookingCode,
        last4: creds.last4,
        ...(previous?.code === booking.bookingCode &&
          previous.ticket !== undefined && { ticket: previous.ticket }),
      });
      if (focus) setTimeout(() => resultHeading.current?.focus(), 0);
    } catch (err) {
      setFound(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (remembered) void lookUp({ code: remembered.code, last4: remembered.last4 }, false);
    else document.getElementById(initialCode ? "booking-last4" : "booking-lookup-code")?.focus();
  }, []);

  const submit = (event: Event) => {
    event.preventDefault();
    if (!busy) void lookUp({ code: cleanCode(code), last4: last4.normalize("NFKC").trim() }, true);
  };

  const notFound = isApiError(error) && error.status === 404;
  const errors = fieldErrors(error);
  return (
    <>
      <h1>我的预约</h1>
      {!found && (
        <div class="card">
          <form noValidate class="form" onSubmit={submit}>
            <div class="form-grid">
              <TextField
                id="booking-lookup-code"
                label="预约码"
                value={code}
                onValue={setCode}
                required
                maxLength={20}
                hint="预约成功时页面和短信中的预约码。"
                error={errors.bookingCode}
              />
              <TextField
                id="booking-last4"
                label="手机号后四位"
                inputMode="numeric"
                value={last4}
                onValue={setLast4}
                required
                maxLength={4}
                error={errors.phoneLast4}
              />
            </div>
            {notFound ? (
              <p class="alert alert--error" role="alert">
                没有查到该预约。请核对预约码和预约时填写的手机号码后四位。
              </p>
            ) : (
              <CitizenErrorAlert error={error} labels={{ phoneLast4: "手机号后四位" }} />
            )}
            <div class="actions">
              <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
                查询
              </button>
            </div>
          </form>
        </div>
      )}
      {busy && !found && (
        <p class="muted" role="status">
          正在查询…
        </p>
      )}
      {found && (
        <BookingView
          key={found.booking.bookingCode}
          tenant={tenant}
          booking={found.booking}
          last4={found.last4}
          headingRef={resultHeading}
          onChanged={(booking) => setFound({ booking, last4: found.last4 })}
          onForget={() => {
            save(tenant, null);
            setFound(null);
            setCode("");
            setLast4("");
          }}
        />
      )}
    </>
  );
}

function BookingView({
  tenant,
  booking,
  last4,
  headingRef,
  onChanged,
  onForget,
}: {
  tenant: string;
  booking: Booking;
  last4: string;
  headingRef: { current: HTMLHeadingElement | null };
  onChanged: (booking: Booking) => void;
  onForget: () => void;
}) {
  const [mode, setMode] = useState<"view" | "cancel" | "reschedule">("view");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState("");
  const [session, setSession] = useState<SessionWithSlots | null>(null);
  const [nearest, setNearest] = useState<string[]>([]);
  const today = todayCst();
  // The queue matters on the day, or once checked in (a clerk may check in early).
  const onTheDay =
    (booking.date === today && booking.status !== "cancelled") || booking.status === "checked_in";
  const active = booking.status === "active";
  const open = active && booking.date >= today;

  useEffect(() => {
    let live = true;
    getSession(tenant, booking.sessionId).then(
      (s) => live && setSession(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [tenant, booking.sessionId]);

  const cancel = async () => {
    setBusy("cancel");
    setError(null);
    try {
      onChanged(await cancelBooking(tenant, booking.bookingCode, last4));
      setDone("预约已取消。");
      setMode("view");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const reschedule = async (slotStart: string) => {
    setBusy(slotStart);
    setError(null);
    try {
      onChanged(await rescheduleBooking(tenant, booking.bookingCode, last4, slotStart));
      setDone(`已改约到 ${slotStart}。`);
      setMode("view");
      setNearest([]);
      getSession(tenant, booking.sessionId).then(setSession, () => undefined);
    } catch (err) {
      setError(err);
      if (isApiError(err) && err.code === "SLOT_FULL") {
        setNearest(nearestFree(err));
        getSession(tenant, booking.sessionId).then(setSession, () => undefined);
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="booking-result">
      <h2 id="booking-result" ref={headingRef} tabindex={-1} class="visually-hidden">
        预约详情
      </h2>
      <p role="status" class={done ? "alert alert--success" : "visually-hidden"}>
        {done}
      </p>
      {booking.registered && <RegisteredCard tenant={tenant} registered={booking.registered} />}
      {onTheDay && !booking.registered && (
        <LiveQueue
          tenant={tenant}
          booking={booking}
          slotMinutes={session?.slotMinutes ?? null}
          onBookingStale={() =>
            getBooking(tenant, booking.bookingCode, last4).then(onChanged, () => undefined)
          }
        />
      )}
      <BookingCard booking={booking} />
      <CitizenErrorAlert error={error} />
      {open && mode === "view" && (
        <p class="actions">
          <button type="button" class="button" onClick={() => setMode("reschedule")}>
            改约其他时段
          </button>
          <button type="button" class="button" onClick={() => setMode("cancel")}>
            取消预约
          </button>
        </p>
      )}
      {open && mode === "cancel" && (
        <section class="card" aria-labelledby="cancel-title">
          <h2 id="cancel-title">确认取消预约？</h2>
          <p>取消后该时段将留给其他群众。如需再来访，可以重新预约。</p>
          <p class="actions">
            <button
              type="button"
              class="button button--primary"
              disabled={busy !== null}
              aria-busy={busy === "cancel"}
              onClick={cancel}
            >
              确认取消
            </button>
            <button type="button" class="button" onClick={() => setMode("view")}>
              不取消
            </button>
          </p>
        </section>
      )}
      {open && mode === "reschedule" && (
        <section class="card" aria-labelledby="reschedule-title">
          <h2 id="reschedule-title">改约到同一场接访的其他时段</h2>
          {nearest.length > 0 && (
            <p class="alert alert--error" role="alert">
              该时段已约满，尚有空位：{nearest.join("、")}
            </p>
          )}
          {session ? (
            <SlotPicker
              slots={session.slots}
              current={booking.slotStart}
              busy={busy}
              onPick={reschedule}
              suggested={nearest}
            />
          ) : (
            <p class="muted" role="status">
              正在加载时段…
            </p>
          )}
          <p>
            <button type="button" class="button" onClick={() => setMode("view")}>
              不改约
            </button>
          </p>
        </section>
      )}
      {active && <WhatToBring />}
      <p>
        <button type="button" class="button button--small" onClick={onForget}>
          查询其他预约
        </button>
      </p>
    </section>
  );
}

/** Where this citizen stands, from the public numbers-only state and their ticket number. */
/** What the citizen keeps after the visit: the case's tracking code and how to follow it. */
function RegisteredCard({
  tenant,
  registered,
}: {
  tenant: string;
  registered: { trackingCode: string; receivedOn: string };
}) {
  return (
    <section class="card" aria-labelledby="registered-title" data-testid="registered">
      <h2 id="registered-title">您反映的问题已登记</h2>
      <p>
        接待时登记的信访事项查询码（已发送短信到您的手机）：
        <strong class="code-box__code" data-testid="registered-code">
          {registered.trackingCode}
        </strong>
      </p>
      <p>
        请妥善保管查询码。凭查询码和手机号后四位，可随时在“查询办理进度”中查看受理、办理情况和答复意见，办结后还可以评价。
      </p>
      <p>
        <a
          class="button button--primary"
          href={`${trackPath(tenant)}?code=${registered.trackingCode}`}
        >
          查询办理进度
        </a>
      </p>
    </section>
  );
}

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

function LiveQueue({
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
  const stored = loadSaved(tenant);
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
    const saved = loadSaved(tenant);
    if (saved?.code === booking.bookingCode) {
      const { ticket: _old, ...rest } = saved;
      save(tenant, number === null ? rest : { ...rest, ticket: number });
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
