import { useEffect, useRef, useState } from "preact/hooks";
import type { BookingView as Booking, SessionWithSlots } from "../../../schema/api/reception.ts";
import { isApiError } from "../api/client.ts";
import {
  cancelBooking,
  getBooking,
  getSession,
  nearestFree,
  rescheduleBooking,
} from "../api/reception.ts";
import { fieldErrors } from "../console/components/ErrorAlert.tsx";
import { TextField } from "../console/components/Field.tsx";
import { todayCst } from "../shared/dates.ts";
import { BookingCard, WhatToBring } from "./BookingCard.tsx";
import { CitizenErrorAlert } from "./CitizenError.tsx";
import { LiveQueue } from "./LiveQueue.tsx";
import { RegisteredCard } from "./RegisteredCard.tsx";
import { SlotPicker } from "./SlotPicker.tsx";
import { loadSavedBooking, saveBooking } from "./saved-booking.ts";

const cleanCode = (code: string) => code.normalize("NFKC").replace(/[\s-]/g, "").toUpperCase();

export function MyBookingPage({ tenant, initialCode }: { tenant: string; initialCode: string }) {
  const saved = loadSavedBooking(tenant);
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
      const previous = loadSavedBooking(tenant);
      saveBooking(tenant, {
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
            saveBooking(tenant, null);
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
