import { useState } from "preact/hooks";
import type {
  DeskInfo,
  StaffQueueState,
  StaffTicket,
} from "../../../../../schema/realtime/reception-queue.ts";
import { deskLabel } from "../../../shared/desks.ts";
import { SelectField } from "../Field.tsx";

/** Which desk of a joint reception this screen works: its queue, its calls, its check-ins. */
export function DeskPicker({
  desks,
  state,
  value,
  onValue,
}: {
  desks: readonly DeskInfo[];
  state: StaffQueueState;
  value: number;
  onValue: (desk: number) => void;
}) {
  return (
    <section class="card desk-picker" aria-labelledby="desk-picker-title" data-testid="desk-picker">
      <h2 id="desk-picker-title">联合接访 · 我的窗口</h2>
      <SelectField
        id="desk-number"
        label="本屏幕接待的窗口"
        value={String(value)}
        onValue={(v) => onValue(Number(v))}
        options={desks.map((d) => ({ value: String(d.number), label: deskLabel(d, d.number) }))}
      />
      <ul class="desk-picker__others" aria-label="各窗口情况">
        {desks.map((d) => {
          const live = state.desks?.find((x) => x.number === d.number);
          return (
            <li key={d.number} data-desk={d.number}>
              <strong>{d.number} 号窗口</strong> {d.unitName}：正在接待{" "}
              {live?.nowServing ? `${live.nowServing.number} 号` : "—"}，等候 {live?.waiting ?? 0}{" "}
              人
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** 分流: sends a ticket to another desk; it keeps its arrival time in that desk's order. */
export function RouteTicket({
  ticket,
  desks,
  disabled,
  onRoute,
}: {
  ticket: StaffTicket;
  desks: readonly DeskInfo[];
  disabled: boolean;
  onRoute: (desk: number) => void;
}) {
  const [to, setTo] = useState("");
  const others = desks.filter((d) => d.number !== ticket.desk);
  return (
    <span class="subform route-ticket">
      <SelectField
        id={`route-${ticket.number}`}
        label={`${ticket.number} 号分流到`}
        value={to}
        onValue={setTo}
        placeholder="请选择窗口"
        options={others.map((d) => ({ value: String(d.number), label: deskLabel(d, d.number) }))}
      />
      <button
        type="button"
        class="button button--small"
        disabled={disabled || !to}
        onClick={() => onRoute(Number(to))}
      >
        分流
      </button>
    </span>
  );
}
