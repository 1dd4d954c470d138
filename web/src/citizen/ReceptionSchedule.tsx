import { useEffect, useMemo, useState } from "preact/hooks";
import type { Hold, ReceptionSession, SessionWithSlots } from "../../../schema/api/reception.ts";
import { isApiError } from "../api/client.ts";
import { calendarUrl, getSession, holdSlot, listSessions, nearestFree } from "../api/reception.ts";
import { SelectField } from "../console/components/Field.tsx";
import { formatDate, weekdayOf } from "../shared/dates.ts";
import { CitizenErrorAlert } from "./CitizenError.tsx";
import { SlotPicker } from "./SlotPicker.tsx";

/** A session as a schedule entry: who, when, where, how. */
export function SessionSummary({ session }: { session: ReceptionSession }) {
  return (
    <dl class="facts session-facts">
      <dt>接访领导</dt>
      <dd>
        <strong>{session.leaderName}</strong>
        {session.leaderPosition && `（${session.leaderPosition}）`}
      </dd>
      {session.portfolio && (
        <>
          <dt>分管工作</dt>
          <dd>{session.portfolio}</dd>
        </>
      )}
      <dt>时间</dt>
      <dd>
        {formatDate(session.date)}（{weekdayOf(session.date)}）{session.startTime}–{session.endTime}
      </dd>
      <dt>地点</dt>
      <dd>
        {session.townshipName && `${session.townshipName} · `}
        {session.venue}
      </dd>
      <dt>接访形式</dt>
      <dd>{session.formLabel}</dd>
      {session.topics && (
        <>
          <dt>接访重点</dt>
          <dd>{session.topics}</dd>
        </>
      )}
    </dl>
  );
}

export function Schedule({ tenant, onPick }: { tenant: string; onPick: (id: string) => void }) {
  const [sessions, setSessions] = useState<ReceptionSession[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unitId, setUnitId] = useState("");

  useEffect(() => {
    let live = true;
    listSessions(tenant).then(
      (list) => live && setSessions(list.sessions),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [tenant]);

  const units = useMemo(() => {
    const seen = new Map<string, string>();
    for (const s of sessions ?? []) seen.set(s.unitId, s.unitName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [sessions]);
  const shown = (sessions ?? []).filter((s) => !unitId || s.unitId === unitId);
  const byDate = new Map<string, ReceptionSession[]>();
  for (const s of shown) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);

  return (
    <>
      <p class="lead">
        县、乡领导干部定期公开接待群众来访。可以在线预约时段，来访当天凭预约码签到，减少排队等候。
      </p>
      <CitizenErrorAlert error={error} />
      {!sessions && !error && (
        <p class="muted" role="status">
          正在加载…
        </p>
      )}
      {sessions && (
        <div class="toolbar reception-toolbar">
          {units.length > 1 && (
            <SelectField
              id="reception-unit"
              label="单位"
              value={unitId}
              onValue={setUnitId}
              options={units}
              placeholder="全部单位"
            />
          )}
          <p>
            <a href={calendarUrl(tenant, unitId || undefined)} download="接访日.ics">
              订阅日历（.ics）
            </a>
            <span class="hint"> 加入手机日历，接访安排调整时自动更新。</span>
          </p>
        </div>
      )}
      {sessions && shown.length === 0 && <p class="card">近期没有已公示的接访安排。</p>}
      {[...byDate].map(([date, list]) => (
        <section key={date} class="reception-day" aria-labelledby={`day-${date}`}>
          <h2 id={`day-${date}`}>
            {formatDate(date)} {weekdayOf(date)}
          </h2>
          <ul class="stack session-list">
            {list.map((s) => (
              <li key={s.id} class="card session-card" data-testid="session">
                <p class="session-card__head">
                  <strong>{s.unitName}</strong>
                  {s.status === "cancelled" && <span class="tag tag--bad">已取消</span>}
                </p>
                <SessionSummary session={s} />
                {s.status === "published" && (
                  <p class="actions">
                    <button
                      type="button"
                      class="button button--primary"
                      onClick={() => onPick(s.id)}
                      aria-label={`预约 ${s.leaderName} ${formatDate(s.date)} ${s.startTime} 的接访`}
                    >
                      预约
                    </button>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function SlotStep({
  tenant,
  sessionId,
  suggested,
  onBack,
  onHeld,
}: {
  tenant: string;
  sessionId: string;
  suggested: string[];
  onBack: () => void;
  onHeld: (session: SessionWithSlots, slotStart: string, hold: Hold | null) => void;
}) {
  const [session, setSession] = useState<SessionWithSlots | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [nearest, setNearest] = useState<string[]>(suggested);

  const load = () =>
    getSession(tenant, sessionId).then(setSession, (err: unknown) => setError(err));
  useEffect(() => {
    void load();
  }, [tenant, sessionId]);

  const pick = async (slotStart: string) => {
    if (!session) return;
    setBusy(slotStart);
    setError(null);
    try {
      onHeld(session, slotStart, await holdSlot(tenant, sessionId, slotStart));
    } catch (err) {
      setBusy(null);
      setError(err);
      if (isApiError(err) && err.code === "SLOT_FULL") {
        setNearest(nearestFree(err));
        void load();
      }
    }
  };

  return (
    <>
      {session && (
        <div class="card">
          <SessionSummary session={session} />
        </div>
      )}
      {nearest.length > 0 && (
        <div class="alert alert--error" role="alert">
          <p>您选的时段已约满。以下时段还有空位：</p>
          <p class="actions">
            {nearest.map((slot) => (
              <button
                key={slot}
                type="button"
                class="button"
                disabled={Boolean(busy)}
                onClick={() => void pick(slot)}
              >
                改选 {slot}
              </button>
            ))}
          </p>
        </div>
      )}
      {!(isApiError(error) && error.code === "SLOT_FULL") && <CitizenErrorAlert error={error} />}
      {!session && !error && (
        <p class="muted" role="status">
          正在加载时段…
        </p>
      )}
      {session && session.status !== "published" && (
        <p class="alert alert--error" role="alert">
          该场接访已取消，请选择其他场次。
        </p>
      )}
      {session?.status === "published" && (
        <section class="card" aria-labelledby="slots-title">
          <h2 id="slots-title">可预约时段（每段 {session.slotMinutes} 分钟）</h2>
          <SlotPicker slots={session.slots} busy={busy} onPick={pick} suggested={nearest} />
          <p class="hint">选定后为您保留 5 分钟，请在此时间内填写并提交预约信息。</p>
        </section>
      )}
      <p>
        <button type="button" class="button" onClick={onBack}>
          返回接访安排
        </button>
      </p>
    </>
  );
}
