import type { Slot } from "../../../schema/api/reception.ts";

interface Props {
  slots: readonly Slot[];
  /** The slot to leave out (the current one when rescheduling). */
  current?: string;
  busy?: string | null;
  onPick: (slotStart: string) => void;
  /** Shown first after a SLOT_FULL answer. */
  suggested?: readonly string[];
}

/** One button per slot with its free places; full slots stay visible but disabled. */
export function SlotPicker({ slots, current, busy, onPick, suggested = [] }: Props) {
  if (slots.length === 0) return <p class="muted">该场接访没有可预约的时段。</p>;
  return (
    <ul class="slots" aria-label="可预约时段">
      {slots.map((slot) => {
        const full = slot.free <= 0;
        const here = slot.slotStart === current;
        return (
          <li key={slot.slotStart}>
            <button
              type="button"
              class={`slot${suggested.includes(slot.slotStart) ? " slot--suggested" : ""}`}
              disabled={full || here || Boolean(busy)}
              aria-busy={busy === slot.slotStart}
              onClick={() => onPick(slot.slotStart)}
              data-slot={slot.slotStart}
            >
              <span class="slot__time">{slot.slotStart}</span>
              <span class="slot__free">
                {here ? "当前时段" : full ? "已约满" : `剩余 ${slot.free} 个`}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
