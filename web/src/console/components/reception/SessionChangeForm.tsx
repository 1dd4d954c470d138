import { useState } from "preact/hooks";
import type { ReceptionSession } from "../../../../../schema/api/reception.ts";
import type { Unit } from "../../../../../schema/api/units.ts";
import { changeSession } from "../../../api/reception-staff.ts";
import { useSession } from "../../session.ts";
import { ErrorAlert, fieldErrors } from "../ErrorAlert.tsx";
import { SelectField, TextField } from "../Field.tsx";
import { SESSION_LABELS } from "./SessionForm.tsx";

/**
 * Changes a session's venue or time (everyone booked is told by SMS), and a field session's
 * township (which tells no one: the venue names the place they go to).
 */
export function SessionChangeForm({
  session,
  townships,
  onDone,
  onClose,
}: {
  session: ReceptionSession;
  /** The county's townships, for a field session (下访); empty until loaded. */
  townships: readonly Unit[];
  onDone: (session: ReceptionSession, told: number) => void;
  onClose: () => void;
}) {
  const { tenant } = useSession();
  const [venue, setVenue] = useState(session.venue);
  const [startTime, setStartTime] = useState(session.startTime);
  const [endTime, setEndTime] = useState(session.endTime);
  const [townshipId, setTownshipId] = useState(session.townshipId ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = session.id;
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = {
      ...(venue.trim() !== session.venue && { venue: venue.trim() }),
      ...(startTime !== session.startTime && { startTime }),
      ...(endTime !== session.endTime && { endTime }),
      ...(townshipId !== (session.townshipId ?? "") && { townshipId: townshipId || null }),
    };
    if (Object.keys(body).length === 0) return onClose();
    setBusy(true);
    setError(null);
    try {
      const result = await changeSession(tenant, id, body);
      onDone(result.session, result.told);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  return (
    <form class="subform form" onSubmit={submit} noValidate>
      <div class="form-grid">
        <TextField
          id={`change-venue-${id}`}
          label="接访地点"
          value={venue}
          onValue={setVenue}
          maxLength={200}
          error={errors.venue}
        />
        <TextField
          id={`change-start-${id}`}
          label="开始时间"
          type="time"
          value={startTime}
          onValue={setStartTime}
          error={errors.startTime}
        />
        <TextField
          id={`change-end-${id}`}
          label="结束时间"
          type="time"
          value={endTime}
          onValue={setEndTime}
          error={errors.endTime}
        />
      </div>
      {session.form === "field" && townships.length > 0 && (
        <SelectField
          id={`change-township-${id}`}
          label="下访乡镇"
          value={townshipId}
          onValue={setTownshipId}
          placeholder="（不指定）"
          options={townships.map((u) => ({ value: u.id, label: u.name }))}
          error={errors.townshipId}
        />
      )}
      {session.status === "published" && <p class="hint">已预约的群众会收到短信通知。</p>}
      <ErrorAlert error={error} labels={SESSION_LABELS} />
      <p class="actions">
        <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
          保存修改
        </button>
        <button type="button" class="button" onClick={onClose}>
          放弃
        </button>
      </p>
    </form>
  );
}
