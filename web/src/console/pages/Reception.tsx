import { useState } from "preact/hooks";
import type { ReceptionSession } from "../../../../schema/api/reception.ts";
import { listUnits } from "../../api/console.ts";
import { getStaffDirectory } from "../../api/petitions.ts";
import { cancelSession, getSchedule, publishSessions } from "../../api/reception-staff.ts";
import { formatDate, todayCst, weekdayOf } from "../../shared/dates.ts";
import { boardPath, consolePath, hallBoardPath } from "../../shared/tenant.ts";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { JointDesksForm } from "../components/reception/JointDesksForm.tsx";
import { PublishSummary } from "../components/reception/PublishSummary.tsx";
import { SessionChangeForm } from "../components/reception/SessionChangeForm.tsx";
import { SessionForm } from "../components/reception/SessionForm.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first and last day of the quarter `offset` quarters from the one containing `iso`. */
export function quarterOf(iso: string, offset = 0): { from: string; to: string } {
  const year = Number(iso.slice(0, 4));
  const q = Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + offset;
  const y = year + Math.floor(q / 4);
  const first = (((q % 4) + 4) % 4) * 3;
  const from = new Date(Date.UTC(y, first, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(y, first + 3, 0)).toISOString().slice(0, 10);
  return { from, to };
}

const STATUS_TAGS: Record<ReceptionSession["status"], { label: string; tone: string }> = {
  draft: { label: "草稿（未公示）", tone: "tag--warn" },
  published: { label: "已公示", tone: "tag--ok" },
  cancelled: { label: "已取消", tone: "tag--bad" },
};

export function ReceptionSchedulePage() {
  const { tenant, me } = useSession();
  usePageTitle("接访日", me.tenant.name);
  const today = todayCst();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 92));
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const countyOffice = me.unit.kind === "county";
  const scopeUnit = countyOffice ? undefined : me.unit.id;

  const schedule = useAsync(
    () => getSchedule(tenant, { from, to, ...(scopeUnit && { unitId: scopeUnit }) }),
    `${tenant}:${from}:${to}`,
  );
  const people = useAsync(
    () =>
      Promise.all([getStaffDirectory(tenant), listUnits(tenant)]).then(([d, u]) => ({
        leaders: d.staff.filter((s) => s.roles.includes("leader")),
        units: u.units,
      })),
    tenant,
  );

  const sessions = schedule.data?.sessions ?? [];
  const drafts = sessions.filter((s) => s.status === "draft");
  const byDate = new Map<string, ReceptionSession[]>();
  for (const s of sessions) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);

  const replace = (session: ReceptionSession) =>
    schedule.setData((d) => ({
      sessions: (d?.sessions ?? []).map((s) => (s.id === session.id ? session : s)),
    }));

  return (
    <>
      <h1>接访日</h1>
      <p class="lead">
        安排领导干部接访日，公示后群众即可在线预约；接访当天在“接访台”签到、叫号、登记。
      </p>
      <SuccessStatus message={message} />

      {creating ? (
        people.data ? (
          <SessionForm
            leaders={people.data.leaders}
            units={people.data.units}
            defaultDate={addDays(today, 1)}
            onCancel={() => setCreating(false)}
            onCreated={(created) => {
              setCreating(false);
              setMessage(
                created.length === 1
                  ? `已安排 ${formatDate(created[0]?.date ?? "")} 的接访（草稿），公示后群众可预约。`
                  : `已安排 ${created.length} 场接访（草稿），公示后群众可预约。`,
              );
              schedule.reload();
            }}
          />
        ) : (
          <>
            <ErrorAlert error={people.error} />
            {people.loading && <Loading what="领导名单" />}
          </>
        )
      ) : (
        <p class="actions">
          <button type="button" class="button button--primary" onClick={() => setCreating(true)}>
            安排接访
          </button>
        </p>
      )}

      <section class="card" aria-labelledby="period-title">
        <h2 id="period-title">期间</h2>
        <div class="toolbar">
          <TextField id="period-from" label="从" type="date" value={from} onValue={setFrom} />
          <TextField id="period-to" label="到" type="date" value={to} onValue={setTo} min={from} />
        </div>
        <p class="actions">
          {(
            [
              ["本季度", 0],
              ["下一季度", 1],
            ] as const
          ).map(([label, offset]) => (
            <button
              key={label}
              type="button"
              class="button button--small"
              onClick={() => {
                const q = quarterOf(today, offset);
                setFrom([q.from, today].sort()[1] ?? today);
                setTo(q.to);
              }}
            >
              {label}
            </button>
          ))}
        </p>
        <Publish
          from={from}
          to={to}
          drafts={drafts}
          unitId={scopeUnit}
          onPublished={(n) => {
            setMessage(n > 0 ? `已公示 ${n} 场接访。` : "该期间没有待公示的草稿。");
            schedule.reload();
          }}
        />
      </section>

      <ErrorAlert error={schedule.error} />
      {schedule.loading && !schedule.data && <Loading what="接访安排" />}
      {schedule.data && sessions.length === 0 && <p class="card">该期间没有接访安排。</p>}
      {[...byDate].map(([date, list]) => (
        <section key={date} aria-labelledby={`d-${date}`} class="reception-day">
          <h2 id={`d-${date}`}>
            {formatDate(date)} {weekdayOf(date)}
          </h2>
          {list.filter((s) => s.status === "published").length > 1 && (
            <p class="actions">
              <a
                class="button button--small"
                href={hallBoardPath(tenant, date)}
                target="_blank"
                rel="noopener"
              >
                当天大厅叫号大屏（新窗口）
              </a>
            </p>
          )}
          <ul class="stack session-list">
            {list.map((s) => (
              <SessionRow
                key={s.id}
                session={s}
                tenant={tenant}
                onChanged={replace}
                people={people.data}
              />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function Publish({
  from,
  to,
  drafts,
  unitId,
  onPublished,
}: {
  from: string;
  to: string;
  drafts: readonly ReceptionSession[];
  unitId: string | undefined;
  onPublished: (count: number) => void;
}) {
  const { tenant } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await publishSessions(tenant, { from, to, ...(unitId && { unitId }) });
      setConfirming(false);
      onPublished(result.published.length);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p>
        {formatDate(from)} 至 {formatDate(to)}，待公示草稿 <strong>{drafts.length}</strong> 场。
        <span class="hint">
          公示后向社会公开领导姓名、职务、分管工作、时间、地点和形式，群众可以预约。
        </span>
      </p>
      <ErrorAlert error={error} />
      {confirming ? (
        <PublishSummary
          drafts={drafts}
          busy={busy}
          onConfirm={publish}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <p class="actions">
          <button
            type="button"
            class="button button--primary"
            disabled={busy || drafts.length === 0}
            onClick={() => setConfirming(true)}
          >
            公示本期间的接访安排
          </button>
        </p>
      )}
    </>
  );
}

function SessionRow({
  session,
  tenant,
  onChanged,
  people,
}: {
  session: ReceptionSession;
  tenant: string;
  onChanged: (session: ReceptionSession) => void;
  /** Leaders and units, for a joint reception's desks (when loaded). */
  people?: Pick<Parameters<typeof JointDesksForm>[0], "leaders" | "units"> | undefined;
}) {
  const [mode, setMode] = useState<"view" | "change" | "cancel" | "desks">("view");
  const [told, setTold] = useState<string | null>(null);
  const tag = STATUS_TAGS[session.status];
  const label = `${session.leaderName} ${session.startTime}`;
  return (
    <li class="card session-card" data-testid="schedule-session" data-status={session.status}>
      <p class="session-card__head">
        <strong>
          {session.startTime}–{session.endTime} {session.leaderName}
        </strong>
        {session.leaderPosition && <span class="muted">{session.leaderPosition}</span>}
        <span class={`tag ${tag.tone}`}>{tag.label}</span>
      </p>
      <p>
        {session.unitName} · {session.venue} · {session.formLabel} · 每 {session.slotMinutes} 分钟{" "}
        {session.capacityPerSlot} 人
      </p>
      {session.portfolio && <p class="muted">分管工作：{session.portfolio}</p>}
      {told && (
        <p class="alert alert--success" role="status">
          {told}
        </p>
      )}
      {session.status !== "cancelled" && mode === "view" && (
        <p class="actions">
          {session.status === "published" && (
            <>
              <a
                class="button button--small button--primary"
                href={consolePath(tenant, `/reception/${encodeURIComponent(session.id)}`)}
                aria-label={`${label} 的接访台`}
              >
                接访台
              </a>
              <a
                class="button button--small"
                href={boardPath(tenant, session.id)}
                target="_blank"
                rel="noopener"
                aria-label={`${label} 的叫号大屏（新窗口）`}
              >
                叫号大屏
              </a>
            </>
          )}
          <button
            type="button"
            class="button button--small"
            onClick={() => setMode("change")}
            aria-label={`修改 ${label}`}
          >
            修改
          </button>
          {people && (
            <button
              type="button"
              class="button button--small"
              onClick={() => setMode("desks")}
              aria-label={`${label} 的联合接访窗口`}
            >
              联合接访窗口
            </button>
          )}
          <button
            type="button"
            class="button button--small"
            onClick={() => setMode("cancel")}
            aria-label={`取消接访 ${label}`}
          >
            取消接访
          </button>
        </p>
      )}
      {mode === "change" && (
        <SessionChangeForm
          session={session}
          townships={(people?.units ?? []).filter((u) => u.kind === "township")}
          onDone={(s, n) => {
            onChanged(s);
            setMode("view");
            setTold(
              session.status === "published" ? `已修改，已短信通知 ${n} 位预约群众。` : "已修改。",
            );
          }}
          onClose={() => setMode("view")}
        />
      )}
      {mode === "desks" && people && (
        <JointDesksForm
          session={session}
          leaders={people.leaders}
          units={people.units}
          onDone={(desks) => {
            setMode("view");
            setTold(
              desks.length > 1
                ? `已设 ${desks.length} 个窗口：${desks.map((d) => `${d.number} 号 ${d.leaderName}`).join("、")}。`
                : "已恢复为单一窗口。",
            );
          }}
          onClose={() => setMode("view")}
        />
      )}
      {mode === "cancel" && (
        <CancelForm
          session={session}
          onDone={(s, n) => {
            onChanged(s);
            setMode("view");
            setTold(`已取消，已短信通知 ${n} 位预约群众。`);
          }}
          onClose={() => setMode("view")}
        />
      )}
    </li>
  );
}

function CancelForm({
  session,
  onDone,
  onClose,
}: {
  session: ReceptionSession;
  onDone: (session: ReceptionSession, told: number) => void;
  onClose: () => void;
}) {
  const { tenant } = useSession();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!reason.trim()) {
      document.getElementById(`cancel-reason-${session.id}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await cancelSession(tenant, session.id, reason.trim());
      onDone(result.session, result.told);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <form class="subform form" onSubmit={submit} noValidate>
      <TextField
        id={`cancel-reason-${session.id}`}
        label="取消原因"
        value={reason}
        onValue={setReason}
        required
        maxLength={200}
        hint="将以短信告知已预约的群众，如“领导临时有公务，改期另行公示”。"
        error={fieldErrors(error).reason}
      />
      <ErrorAlert error={error} labels={{ reason: "取消原因" }} />
      <p class="actions">
        <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
          确认取消接访
        </button>
        <button type="button" class="button" onClick={onClose}>
          不取消
        </button>
      </p>
    </form>
  );
}
