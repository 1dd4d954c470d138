import { useEffect, useState } from "preact/hooks";
import type { ReceptionSession } from "../../../../../schema/api/reception.ts";
import type { DirectoryEntry } from "../../../../../schema/api/staff.ts";
import type { Unit } from "../../../../../schema/api/units.ts";
import type { DeskInfo } from "../../../../../schema/realtime/reception-queue.ts";
import { getSessionDesks } from "../../../api/reception.ts";
import { setSessionDesks } from "../../../api/reception-staff.ts";
import { personLabel } from "../../lookup.ts";
import { useSession } from "../../session.ts";
import { ErrorAlert } from "../ErrorAlert.tsx";
import { SelectField } from "../Field.tsx";

const MAX_OTHER_DESKS = 8;

/**
 * 联合接访: the office adds desks to a session, one leader each, whose unit takes the cases
 * registered there. Desk 1 is always the session's own leader and unit.
 */
export function JointDesksForm({
  session,
  leaders,
  units,
  onDone,
  onClose,
}: {
  session: ReceptionSession;
  leaders: readonly DirectoryEntry[];
  units: readonly Unit[];
  onDone: (desks: DeskInfo[]) => void;
  onClose: () => void;
}) {
  const { tenant } = useSession();
  const [others, setOthers] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? "";
  const leaderOf = (id: string) => leaders.find((l) => l.id === id);

  useEffect(() => {
    let live = true;
    getSessionDesks(tenant, session.id).then(
      (d) => {
        if (!live) return;
        // Desk 1 is the session's own; the form edits the others, by their leaders.
        setOthers(d.desks.filter((desk) => desk.number > 1).map((desk) => desk.leaderId));
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [tenant, session.id]);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!others) return;
    setBusy(true);
    setError(null);
    try {
      const chosen = others.filter(Boolean);
      const body = chosen.map((id) => ({ leaderId: id, unitId: leaderOf(id)?.unitId ?? "" }));
      const saved = await setSessionDesks(tenant, session.id, body);
      onDone(saved.desks);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form joint-desks" onSubmit={save} noValidate data-testid="joint-desks-form">
      <h3>联合接访窗口</h3>
      <p class="hint">
        1 号窗口为本场接访领导（{session.leaderName}，{session.unitName}）。每增加一个窗口，
        选择一位接访领导：在该窗口登记的事项交其所在单位办理。
      </p>
      <ErrorAlert error={error} />
      {others === null ? (
        <p class="muted">正在读取窗口…</p>
      ) : (
        <ol class="joint-desks__list" start={2}>
          {others.map((leaderId, i) => (
            <li key={`${i}:${leaderId}`}>
              <SelectField
                id={`desk-${i + 2}`}
                label={`${i + 2} 号窗口接访领导`}
                value={leaderId}
                placeholder="请选择"
                onValue={(v) => setOthers(others.map((o, j) => (j === i ? v : o)))}
                options={leaders.map((l) => ({
                  value: l.id,
                  label: personLabel(l, unitName(l.unitId)),
                }))}
              />
              <button
                type="button"
                class="button button--small"
                onClick={() => setOthers(others.filter((_, j) => j !== i))}
                aria-label={`删除 ${i + 2} 号窗口`}
              >
                删除
              </button>
            </li>
          ))}
        </ol>
      )}
      <p class="actions">
        <button
          type="button"
          class="button"
          disabled={others === null || others.length >= MAX_OTHER_DESKS}
          onClick={() => setOthers([...(others ?? []), ""])}
        >
          增加窗口
        </button>
        <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
          保存窗口
        </button>
        <button type="button" class="button" onClick={onClose}>
          关闭
        </button>
      </p>
    </form>
  );
}
