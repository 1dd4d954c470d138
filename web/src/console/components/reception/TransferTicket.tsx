import { useState } from "preact/hooks";
import type { ReceptionSession } from "../../../../../schema/api/reception.ts";
import type { StaffTicket } from "../../../../../schema/realtime/reception-queue.ts";
import { SelectField } from "../Field.tsx";

/** Hands the citizen being served to another session of the same day. */
export function Transfer({
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
