import { useEffect, useState } from "preact/hooks";
import type { ReceptionSession } from "../../../../../schema/api/reception.ts";
import type { DirectoryEntry } from "../../../../../schema/api/staff.ts";
import type { Unit } from "../../../../../schema/api/units.ts";
import type { DeskInfo } from "../../../../../schema/realtime/reception-queue.ts";
import { getSessionDesks } from "../../../api/reception.ts";
import { setSessionDesks } from "../../../api/reception-staff.ts";
import { useSession } from "../../session.ts";
import { ErrorAlert } from "../ErrorAlert.tsx";
import { DeskLeaders, desksOf } from "./DeskLeaders.tsx";

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
      const saved = await setSessionDesks(tenant, session.id, desksOf(others, leaders));
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
        <DeskLeaders
          idPrefix="desk"
          value={others}
          onValue={setOthers}
          leaders={leaders}
          units={units}
        />
      )}
      <p class="actions">
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
