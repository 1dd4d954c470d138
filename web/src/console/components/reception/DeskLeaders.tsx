import type { DirectoryEntry } from "../../../../../schema/api/staff.ts";
import type { Unit } from "../../../../../schema/api/units.ts";
import { personLabel } from "../../lookup.ts";
import { SelectField } from "../Field.tsx";

const MAX_OTHER_DESKS = 8;

/**
 * 联合接访: desks 2, 3, … by their leaders, as the session form and the desks editor both
 * choose them. Each desk's unit is its leader's, which takes the cases registered there.
 */
export function DeskLeaders({
  idPrefix,
  value,
  onValue,
  leaders,
  units,
}: {
  idPrefix: string;
  value: string[];
  onValue: (leaderIds: string[]) => void;
  leaders: readonly DirectoryEntry[];
  units: readonly Unit[];
}) {
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? "";
  return (
    <>
      {value.length > 0 && (
        <ol class="joint-desks__list" start={2}>
          {value.map((leaderId, i) => (
            <li key={`${i}:${leaderId}`}>
              <SelectField
                id={`${idPrefix}-${i + 2}`}
                label={`${i + 2} 号窗口接访领导`}
                value={leaderId}
                placeholder="请选择"
                onValue={(v) => onValue(value.map((o, j) => (j === i ? v : o)))}
                options={leaders.map((l) => ({
                  value: l.id,
                  label: personLabel(l, unitName(l.unitId)),
                }))}
              />
              <button
                type="button"
                class="button button--small"
                onClick={() => onValue(value.filter((_, j) => j !== i))}
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
          disabled={value.length >= MAX_OTHER_DESKS}
          onClick={() => onValue([...value, ""])}
        >
          增加窗口
        </button>
      </p>
    </>
  );
}

/** The create and set-desks bodies' desks: each chosen leader with their unit. */
export function desksOf(leaderIds: readonly string[], leaders: readonly DirectoryEntry[]) {
  return leaderIds
    .filter(Boolean)
    .map((id) => ({ leaderId: id, unitId: leaders.find((l) => l.id === id)?.unitId ?? "" }));
}
