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

/** Why a slot is not offered, in the words the hall uses. */
const NOT_OFFERED: Readonly<Record<Exclude<Slot["offer"], "open">, string>> = {
  full: "已满",
  closed: "预约已截止",
  not_yet_open: "尚未开放预约",
};

/**
 * Only bookable slots are buttons; the others are listed as plain text with the reason, so
 * nothing on the list fails after the tap.
 */
export function SlotPicker({ slots, current, busy, onPick, suggested = [] }: Props) {
  if (slots.length === 0) return <p class="muted">该场接访没有可预约的时段。</p>;
  const bookable = slots.filter((s) => s.offer === "open" && s.slotStart !== current);
  return (
    <>
      {bookable.length === 0 && (
        <p class="muted" role="status">
          本场已没有可预约的时段，请选择其他场次。
        </p>
      )}
      <ul class="slots" aria-label="时段">
        {slots.map((slot) => {
          const here = slot.slotStart === current;
          const reason = here ? "当前时段" : slot.offer === "open" ? null : NOT_OFFERED[slot.offer];
          if (reason) {
            return (
              <li key={slot.slotStart}>
                <span
                  class="slot slot--unavailable"
                  data-slot={slot.slotStart}
                  data-offer={slot.offer}
                >
                  <span class="slot__time">{slot.slotStart}</span>
                  <span class="slot__free">{reason}</span>
                </span>
              </li>
            );
          }
          return (
            <li key={slot.slotStart}>
              <button
                type="button"
                class={`slot${suggested.includes(slot.slotStart) ? " slot--suggested" : ""}`}
                disabled={Boolean(busy)}
                aria-busy={busy === slot.slotStart}
                onClick={() => onPick(slot.slotStart)}
                data-slot={slot.slotStart}
                data-offer="open"
              >
                <span class="slot__time">{slot.slotStart}</span>
                <span class="slot__free">剩余 {slot.free} 个</span>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
