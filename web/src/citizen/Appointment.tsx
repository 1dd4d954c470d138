import { useEffect, useRef, useState } from "preact/hooks";
import type { AppointmentView } from "../../../schema/api/appointments.ts";
import { askAnotherTime, confirmAppointment, openAppointment } from "../api/reception.ts";
import { TextField } from "../console/components/Field.tsx";
import { formatDate, weekdayOf } from "../shared/dates.ts";
import { QrImage } from "./BookingCard.tsx";
import { CitizenErrorAlert } from "./CitizenError.tsx";

const NOTE_MAX = 200;

const STATUS_TEXT: Record<AppointmentView["status"], string> = {
  invited: "待您确认",
  confirmed: "已确认参加",
  reschedule_requested: "已申请另约时间",
  cancelled: "约访已取消",
};

/** The token rides in the link's fragment, which never reaches a server or a log. */
function tokenFromLink(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, "")).trim();
}

/**
 * 约访: the page a petitioner's SMS link opens. It shows when, where and with whom, and lets
 * them confirm or ask for another time. Nothing of the case is shown: whoever holds the
 * phone can open the link.
 */
export function AppointmentPage({ tenant }: { tenant: string }) {
  const [token] = useState(tokenFromLink);
  const [view, setView] = useState<AppointmentView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  const saidRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (!token) return;
    let live = true;
    openAppointment(tenant, token).then(
      (v) => live && setView(v),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [tenant, token]);

  useEffect(() => {
    if (said) saidRef.current?.focus();
  }, [said]);

  const act = async (call: () => Promise<AppointmentView>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      setView(await call());
      setAsking(false);
      setSaid(message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submitAsk = (event: Event) => {
    event.preventDefault();
    if (!note.trim()) {
      setNoteError("请写明您方便的时间或原因");
      document.getElementById("appointment-note")?.focus();
      return;
    }
    setNoteError(undefined);
    void act(
      () => askAnotherTime(tenant, token, note.trim()),
      "已收到您的申请，工作人员会与您联系另约时间。",
    );
  };

  return (
    <>
      <h1>领导约访</h1>
      {!token && (
        <div class="alert alert--error" role="alert">
          <p>链接不完整，请从短信中的链接直接打开本页面。</p>
        </div>
      )}
      {token && !view && !error && <p class="muted">正在打开约访…</p>}
      {!view && error !== null && (
        <>
          <CitizenErrorAlert error={error} />
          <p>如需帮助，请拨打县信访局的联系电话，或到信访接待场所咨询。</p>
        </>
      )}
      {view && (
        <>
          {said && (
            <p class="alert alert--success" role="status" tabindex={-1} ref={saidRef}>
              {said}
            </p>
          )}
          <div class="card booking" data-testid="appointment">
            <p>
              <span
                class={`tag tag--large ${view.status === "confirmed" ? "tag--ok" : ""}`}
                data-testid="appointment-status"
              >
                {view.open || view.status === "cancelled" ? STATUS_TEXT[view.status] : "约访已结束"}
              </span>
            </p>
            {view.status === "cancelled" && (
              <p data-testid="appointment-cancelled">
                信访部门已取消这次约访，您无需前往。如有疑问，请联系通知您的信访部门。
              </p>
            )}
            <dl class="facts">
              <dt>时间</dt>
              <dd data-testid="appointment-when">
                {formatDate(view.date)}（{weekdayOf(view.date)}）{view.slotStart}
              </dd>
              <dt>地点</dt>
              <dd>{view.venue}</dd>
              <dt>接访领导</dt>
              <dd>
                {view.leaderName}
                {view.leaderPosition && `（${view.leaderPosition}）`}
                {view.unitName && ` · ${view.unitName}`}
              </dd>
              {view.note && (
                <>
                  <dt>您的留言</dt>
                  <dd>{view.note}</dd>
                </>
              )}
            </dl>
            {view.open && (
              <div class="code-box">
                <dl class="code-box__pair">
                  <dt class="code-box__label">签到码</dt>
                  <dd class="code-box__code" data-testid="appointment-code">
                    {view.bookingCode}
                  </dd>
                </dl>
                <QrImage svg={view.qrSvg} code={view.bookingCode} />
                <p class="hint">到达后向工作人员出示签到码或二维码。</p>
              </div>
            )}
          </div>
          {view.open && !asking && (
            <div class="card actions">
              {view.status !== "confirmed" && (
                <button
                  type="button"
                  class="button button--primary"
                  disabled={busy}
                  onClick={() =>
                    act(() => confirmAppointment(tenant, token), "已确认，请按时前来。")
                  }
                >
                  确认按时参加
                </button>
              )}
              <button
                type="button"
                class="button"
                disabled={busy}
                onClick={() => {
                  setAsking(true);
                  setSaid("");
                }}
              >
                时间不方便，申请另约
              </button>
            </div>
          )}
          {view.open && asking && (
            <form class="card form" onSubmit={submitAsk} noValidate aria-labelledby="ask-title">
              <h2 id="ask-title">申请另约时间</h2>
              <TextField
                id="appointment-note"
                label="方便的时间或原因"
                multiline
                rows={3}
                value={note}
                onValue={(v) => setNote(v.slice(0, NOTE_MAX))}
                maxLength={NOTE_MAX}
                required
                hint={`如“下周一上午都可以”。已输入 ${note.length}/${NOTE_MAX} 字。`}
                error={noteError}
              />
              <p class="actions">
                <button type="submit" class="button button--primary" disabled={busy}>
                  提交申请
                </button>
                <button type="button" class="button" onClick={() => setAsking(false)}>
                  返回
                </button>
              </p>
            </form>
          )}
          {error !== null && <CitizenErrorAlert error={error} labels={{ note: "留言" }} />}
        </>
      )}
    </>
  );
}
