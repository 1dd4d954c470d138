import { useCallback, useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import type {
  ServerMessage as QueueMessage,
  StaffQueueState,
} from "../../../../schema/realtime/reception-queue.ts";
import { isApiError } from "../../api/client.ts";
import { listUnits } from "../../api/console.ts";
import { getCategories } from "../../api/petitions.ts";
import { getSession, getSessionDesks, queueWatchPath, socketUrl } from "../../api/reception.ts";
import { getDesk, getSchedule } from "../../api/reception-staff.ts";
import { formatDate, weekdayOf } from "../../shared/dates.ts";
import { formatDateTime } from "../../shared/format.ts";
import { LIVE_STATUS_LABELS, type LiveStatus, openLiveSocket } from "../../shared/live-socket.ts";
import { boardPath, consolePath } from "../../shared/tenant.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { Loading } from "../components/Loading.tsx";
import { Desk } from "../components/reception/Desk.tsx";
import { DeskPicker } from "../components/reception/DeskPicker.tsx";
import { FieldCasesCard } from "../components/reception/FieldCases.tsx";
import { SessionBookingsCard } from "../components/reception/SessionBookings.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

const _time = (iso: string | null) => (iso ? formatDateTime(iso).slice(-5) : "—");

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
