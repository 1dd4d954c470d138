import { useCallback, useEffect, useState } from "preact/hooks";
import type { Appointment } from "../../../../../schema/api/appointments.ts";
import type {
  PreparedBooking,
  ReceptionSession,
  SessionBookings,
} from "../../../../../schema/api/reception.ts";
import {
  cancelAppointment,
  getSessionBookings,
  inviteToAppointment,
} from "../../../api/reception-staff.ts";
import { formatDateTime } from "../../../shared/format.ts";
import { PURPOSE_LABELS, statusLabel } from "../../../shared/petition-labels.ts";
import { ErrorAlert, fieldErrors } from "../ErrorAlert.tsx";
import { SelectField, TextField } from "../Field.tsx";

const APPOINTMENT_LABELS: Record<NonNullable<PreparedBooking["appointment"]>["status"], string> = {
  invited: "约访待确认",
  confirmed: "约访已确认",
  reschedule_requested: "申请另约时间",
  cancelled: "约访已取消",
};

/** The session's slot starts, as the server cuts them (start inclusive, end exclusive). */
function slotsOf(session: Pick<ReceptionSession, "startTime" | "endTime" | "slotMinutes">) {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const out: string[] = [];
  for (let m = minutes(session.startTime); m < minutes(session.endTime); m += session.slotMinutes) {
    out.push(`${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
  }
  return out;
}

/**
 * The session's bookings for the leader and the desk to prepare: when, who, what about
 * (purpose, category, summary), appointments with the petitioner's answer, and the person's
 * earlier cases as far as this reader may see them. Staff invite a case's petitioner here.
 */
export function SessionBookingsCard({
  tenant,
  session,
}: {
  tenant: string;
  session: Pick<ReceptionSession, "id" | "status" | "startTime" | "endTime" | "slotMinutes">;
}) {
  const [data, setData] = useState<SessionBookings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const sessionId = session.id;

  const load = useCallback(() => {
    let live = true;
    getSessionBookings(tenant, sessionId).then(
      (d) => live && setData(d),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [tenant, sessionId]);
  useEffect(load, [load]);

  return (
    <section class="card prep" data-testid="session-bookings" aria-labelledby="prep-title">
      <h2 id="prep-title">预约群众{data ? `（${data.bookings.length} 人）` : ""}</h2>
      <ErrorAlert error={error} />
      {!data && !error && <p class="muted">正在加载预约…</p>}
      {data?.bookings.length === 0 && <p class="muted">本场暂无预约。</p>}
      {data && data.bookings.length > 0 && (
        <ol class="prep__list">
          {data.bookings.map((b) => (
            <li key={b.bookingCode} data-testid="prepared-booking">
              <p>
                <strong>{b.slotStart}</strong> {b.name}
                {b.headcount > 1 && `（${b.headcount} 人）`}
                <span class="hint"> 预约码 {b.bookingCode}</span>
                {b.appointment && (
                  <span
                    class={`tag ${b.appointment.status === "confirmed" ? "tag--ok" : ""}`}
                    data-testid="appointment-answer"
                  >
                    {APPOINTMENT_LABELS[b.appointment.status]}
                  </span>
                )}
              </p>
              {(b.purpose || b.categoryName) && (
                <p class="hint">
                  {[b.purpose && PURPOSE_LABELS[b.purpose], b.categoryName]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              )}
              <p class="prep__topic">反映问题：{b.topic}</p>
              {b.appointment?.note && <p class="prep__topic">群众留言：{b.appointment.note}</p>}
              {b.appointment && b.appointment.status !== "cancelled" && (
                <CancelAppointment
                  tenant={tenant}
                  sessionId={sessionId}
                  appointmentId={b.appointment.id}
                  who={b.name}
                  onDone={load}
                />
              )}
              {b.earlierCases.length === 0 ? (
                <p class="hint">无可查阅的既往信访事项。</p>
              ) : (
                <ul class="prep__cases" aria-label={`${b.name}的既往信访事项`}>
                  {b.earlierCases.map((e) => (
                    <li key={e.trackingCode}>
                      {e.trackingCode} · {e.categoryName} · {statusLabel(e.status)} ·{" "}
                      {formatDateTime(e.registeredAt)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {session.status === "published" && (
        <InviteForm tenant={tenant} sessionId={sessionId} slots={slotsOf(session)} onDone={load} />
      )}
    </section>
  );
}

/** Calls an appointment off after a second, deliberate step; an optional reason goes by SMS. */
function CancelAppointment({
  tenant,
  sessionId,
  appointmentId,
  who,
  onDone,
}: {
  tenant: string;
  sessionId: string;
  appointmentId: string;
  who: string;
  onDone: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = `cancel-${appointmentId}`;
  if (!asking) {
    return (
      <p class="actions">
        <button type="button" class="button" onClick={() => setAsking(true)}>
          取消约访
        </button>
      </p>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await cancelAppointment(tenant, sessionId, appointmentId, reason ? { reason } : {});
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form" onSubmit={submit} noValidate aria-label={`取消${who}的约访`}>
      <TextField
        id={`${id}-reason`}
        label="取消原因（选填，随短信告知信访人）"
        value={reason}
        onValue={setReason}
        error={fieldErrors(error).reason}
      />
      <ErrorAlert error={error} />
      <p class="actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          确认取消约访
        </button>
        <button type="button" class="button" onClick={() => setAsking(false)}>
          不取消
        </button>
      </p>
    </form>
  );
}

/** 约访: invite the petitioner of a case (by its 查询码) to a slot; the link goes by SMS. */
function InviteForm({
  tenant,
  sessionId,
  slots,
  onDone,
}: {
  tenant: string;
  sessionId: string;
  slots: string[];
  onDone: () => void;
}) {
  const [trackingCode, setTrackingCode] = useState("");
  const [slotStart, setSlotStart] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Appointment | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await inviteToAppointment(tenant, sessionId, { trackingCode, slotStart }));
      setTrackingCode("");
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  return (
    <form class="form invite" onSubmit={submit} noValidate aria-labelledby="invite-title">
      <h3 id="invite-title">约访信访人</h3>
      <p class="hint">
        按案件查询码邀请其信访人到本场某一时段面谈，系统以短信发送确认链接（免打扰时段顺延）。
      </p>
      <TextField
        id="invite-trackingCode"
        label="案件查询码"
        value={trackingCode}
        onValue={setTrackingCode}
        required
        error={errors.trackingCode ?? errors.petitionId}
      />
      <SelectField
        id="invite-slotStart"
        label="时段"
        value={slotStart}
        onValue={setSlotStart}
        placeholder="请选择"
        options={slots.map((s) => ({ value: s, label: s }))}
        required
        error={errors.slotStart}
      />
      <ErrorAlert error={error} />
      {done && (
        <p class="alert alert--success" role="status" data-testid="invite-done">
          已约 {done.slotStart}，预约码 {done.bookingCode}
          {done.smsQueued ? "，短信已排队发送。" : "，未配置短信，请电话告知。"}
        </p>
      )}
      <p class="actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          发送约访
        </button>
      </p>
    </form>
  );
}
