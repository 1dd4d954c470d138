import { useCallback, useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import type { Petition } from "../../../../schema/api/petitions.ts";
import type { ReceptionSession } from "../../../../schema/api/reception.ts";
import type {
  DeskInfo,
  ServerMessage as QueueMessage,
  StaffQueueState,
  StaffTicket,
} from "../../../../schema/realtime/reception-queue.ts";
import { isApiError } from "../../api/client.ts";
import { listUnits } from "../../api/console.ts";
import { getCategories } from "../../api/petitions.ts";
import { getSession, getSessionDesks, queueWatchPath, socketUrl } from "../../api/reception.ts";
import {
  callNext,
  checkIn,
  getDesk,
  getSchedule,
  routeTicket,
  type TicketOp,
  ticketOp,
  transferTicket,
} from "../../api/reception-staff.ts";
import { formatDate, formatTrackingCode, weekdayOf } from "../../shared/dates.ts";
import { formatDateTime } from "../../shared/format.ts";
import { LIVE_STATUS_LABELS, type LiveStatus, openLiveSocket } from "../../shared/live-socket.ts";
import { boardPath, consolePath } from "../../shared/tenant.ts";
import { ErrorAlert, SuccessStatus } from "../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { CompleteForm } from "../components/reception/CompleteForm.tsx";
import { DeskPicker, RouteTicket } from "../components/reception/DeskPicker.tsx";
import { DoneVisits } from "../components/reception/DoneVisits.tsx";
import { FieldCasesCard } from "../components/reception/FieldCases.tsx";
import { canScan, Scanner } from "../components/reception/Scanner.tsx";
import { SessionBookingsCard } from "../components/reception/SessionBookings.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

const time = (iso: string | null) => (iso ? formatDateTime(iso).slice(-5) : "—");

/** The live staff state: the socket pushes it; `refresh` reads it now (after an action). */
function useDeskState(tenant: string, sessionId: string) {
  const [state, setState] = useState<StaffQueueState | null>(null);
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [error, setError] = useState<unknown>(null);

  const refresh = useCallback(
    () =>
      getDesk(tenant, sessionId).then(
        (s) => {
          setState((old) => (old && old.updatedAt > s.updatedAt ? old : s));
          setError(null);
        },
        (err: unknown) => setError(err),
      ),
    [tenant, sessionId],
  );

  useEffect(() => {
    void refresh();
    return openLiveSocket<QueueMessage>({
      url: socketUrl(queueWatchPath(tenant, sessionId)),
      onMessage: (m) => {
        if (m.type === "staffState") setState(m.state);
      },
      onStatus: setStatus,
      poll: () => getDesk(tenant, sessionId).then((s) => ({ type: "staffState", state: s })),
    });
  }, [tenant, sessionId, refresh]);

  return { state, status, error, refresh };
}

export function ReceptionDeskPage() {
  const { tenant, me } = useSession();
  const { params } = useRoute();
  const sessionId = params.sessionId ?? "";
  usePageTitle("接访台", me.tenant.name);
  const info = useAsync(async () => {
    const session = await getSession(tenant, sessionId);
    const [day, catalog, units, desks] = await Promise.all([
      getSchedule(tenant, { from: session.date, to: session.date }),
      getCategories(tenant),
      listUnits(tenant),
      getSessionDesks(tenant, sessionId),
    ]);
    return {
      session,
      desks: desks.desks,
      sameDay: day.sessions.filter((s) => s.status === "published" && s.id !== session.id),
      catalog,
      units: units.units,
    };
  }, `${tenant}:${sessionId}`);
  const desk = useDeskState(tenant, sessionId);
  const [picked, setPicked] = useState<number | null>(null);

  if (info.error) {
    return (
      <>
        <h1>接访台</h1>
        {isApiError(info.error) && info.error.status === 404 ? (
          <p class="alert alert--error" role="alert">
            没有找到该接访场次，或该场次尚未公示。
          </p>
        ) : (
          <ErrorAlert error={info.error} />
        )}
        <p>
          <a href={consolePath(tenant, "/reception")}>返回接访日</a>
        </p>
      </>
    );
  }
  if (!info.data) return <Loading what="接访台" />;
  const { session, desks } = info.data;
  // A joint reception's screen starts at the desk of the user's own unit.
  const deskNumber = picked ?? desks.find((d) => d.unitId === me.unit.id)?.number ?? 1;
  return (
    <>
      <h1>
        接访台：{session.leaderName} {formatDate(session.date)}
      </h1>
      <p class="lead">
        {weekdayOf(session.date)} {session.startTime}–{session.endTime} ·{" "}
        {session.townshipName && `${session.townshipName} · `}
        {session.venue} · {session.unitName}
        {session.status === "cancelled" && <span class="tag tag--bad">已取消</span>}
      </p>
      <p class="actions">
        <a class="button button--small" href={consolePath(tenant, "/reception")}>
          返回接访日
        </a>
        <a
          class="button button--small"
          href={boardPath(tenant, session.id)}
          target="_blank"
          rel="noopener"
        >
          打开叫号大屏（新窗口）
        </a>
        <span class={`hint desk-live desk-live--${desk.status}`} role="status">
          {LIVE_STATUS_LABELS[desk.status]}
        </span>
      </p>
      {session.form === "field" && <FieldCasesCard tenant={tenant} session={session} />}
      <SessionBookingsCard tenant={tenant} session={session} />
      <ErrorAlert error={desk.error} />
      {!desk.state && !desk.error && <Loading what="排队情况" />}
      {desk.state && desks.length > 1 && (
        <DeskPicker desks={desks} state={desk.state} value={deskNumber} onValue={setPicked} />
      )}
      {desk.state && (
        <Desk
          desks={desks}
          deskNumber={deskNumber}
          session={session}
          sameDay={info.data.sameDay}
          state={desk.state}
          refresh={desk.refresh}
          catalog={info.data.catalog}
          units={info.data.units}
        />
      )}
    </>
  );
}

function Desk({
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

function Transfer({
  ticket,
  sameDay,
  disabled,
  onMove,
}: {
  ticket: StaffTicket;
  sameDay: ReceptionSession[];
  disabled: boolean;
  onMove: (to: ReceptionSession) => void;
}) {
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState("");
  if (sameDay.length === 0) return null;
  if (!open) {
    return (
      <button type="button" class="button" disabled={disabled} onClick={() => setOpen(true)}>
        转接
      </button>
    );
  }
  const target = sameDay.find((s) => s.id === to);
  return (
    <span class="subform transfer">
      <SelectField
        id={`transfer-${ticket.number}`}
        label="转给同一天的另一场接访"
        value={to}
        onValue={setTo}
        options={sameDay.map((s) => ({
          value: s.id,
          label: `${s.leaderName}（${s.unitName}）${s.startTime}–${s.endTime}`,
        }))}
        placeholder="请选择"
      />
      <button
        type="button"
        class="button button--primary"
        disabled={disabled || !target}
        onClick={() => {
          if (target) onMove(target);
          setOpen(false);
        }}
      >
        确认转接
      </button>
      <button type="button" class="button" onClick={() => setOpen(false)}>
        取消
      </button>
    </span>
  );
}

function CheckIn({
  session,
  desk,
  onDone,
}: {
  session: ReceptionSession;
  /** At a joint reception, the desk the arrival waits at. */
  desk?: number | undefined;
  onDone: () => Promise<void>;
}) {
  const { tenant } = useSession();
  const [code, setCode] = useState("");
  const [walkIn, setWalkIn] = useState(false);
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [topic, setTopic] = useState("");
  const [headcount, setHeadcount] = useState("1");
  const [scanning, setScanning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [last, setLast] = useState<StaffTicket | null>(null);

  const run = async (arrival: Parameters<typeof checkIn>[2]) => {
    setBusy(true);
    setError(null);
    try {
      const ticket = await checkIn(tenant, session.id, arrival, desk);
      setLast(ticket);
      setCode("");
      setName("");
      setPhone("");
      setTopic("");
      setHeadcount("1");
      void onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const byCode = (event: Event) => {
    event.preventDefault();
    const clean = code.normalize("NFKC").replace(/[\s-]/g, "").toUpperCase();
    if (clean.length >= 4) void run({ bookingCode: clean });
    else document.getElementById("checkin-code")?.focus();
  };

  const byWalkIn = (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      document.getElementById("walkin-name")?.focus();
      return;
    }
    void run({
      walkIn: {
        name: name.trim(),
        ...(phone.trim() && { phone: phone.trim() }),
        ...(topic.trim() && { topic: topic.trim() }),
        headcount: Number(headcount) || 1,
      },
    });
  };

  return (
    <section class="card" aria-labelledby="checkin-title">
      <h2 id="checkin-title">签到</h2>
      <div aria-live="polite">
        {last && (
          <p class="alert alert--success" data-testid="checked-in" data-number={last.number}>
            已签到：<strong class="desk__ticket">{last.number} 号</strong> {last.label}
            ，请告知群众排队号。
          </p>
        )}
      </div>
      <ErrorAlert error={error} />
      {!walkIn ? (
        <form class="form form--inline" onSubmit={byCode} noValidate>
          <TextField
            id="checkin-code"
            label="预约码"
            value={code}
            onValue={setCode}
            maxLength={20}
            hint="输入或扫描群众出示的预约码。"
          />
          <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
            签到
          </button>
          {canScan() && !scanning && (
            <button type="button" class="button" onClick={() => setScanning(true)}>
              扫码签到
            </button>
          )}
        </form>
      ) : (
        <form class="form" onSubmit={byWalkIn} noValidate>
          <div class="form-grid">
            <TextField
              id="walkin-name"
              label="姓名"
              value={name}
              onValue={setName}
              required
              maxLength={50}
            />
            <TextField
              id="walkin-phone"
              label="手机号码（选填）"
              type="tel"
              inputMode="tel"
              value={phone}
              onValue={setPhone}
              maxLength={20}
            />
            <TextField
              id="walkin-headcount"
              label="来访人数"
              type="number"
              inputMode="numeric"
              min={1}
              max={5}
              value={headcount}
              onValue={setHeadcount}
            />
          </div>
          <TextField
            id="walkin-topic"
            label="反映的问题（选填）"
            value={topic}
            onValue={setTopic}
            multiline
            rows={2}
            maxLength={500}
          />
          <p class="actions">
            <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
              现场签到
            </button>
          </p>
        </form>
      )}
      {scanning && (
        <Scanner
          onClose={() => setScanning(false)}
          onCode={(value) => {
            setScanning(false);
            setCode(value);
            void run({ bookingCode: value.trim().toUpperCase() });
          }}
        />
      )}
      <p>
        <button type="button" class="button button--small" onClick={() => setWalkIn((w) => !w)}>
          {walkIn ? "按预约码签到" : "未预约群众现场签到"}
        </button>
      </p>
    </section>
  );
}
