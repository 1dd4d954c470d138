import type { Petition } from "../../../../../../schema/api/petitions.ts";
import type { DirectoryEntry } from "../../../../../../schema/api/staff.ts";
import type { Unit } from "../../../../../../schema/api/units.ts";
import { type Lookup, personLabel } from "../../../lookup.ts";
import { SelectField } from "../../Field.tsx";

export function PersonPicker({
  id,
  label,
  people,
  lookup,
  value,
  onValue,
  error,
  hint,
}: {
  id: string;
  label: string;
  people: readonly DirectoryEntry[];
  lookup: Lookup;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
  hint?: string;
}) {
  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      onValue={onValue}
      options={people.map((p) => ({
        value: p.id,
        label: personLabel(p, lookup.unitName(p.unitId)),
      }))}
      placeholder={people.length ? "请选择" : "（名录中没有合适人员）"}
      required
      hint={hint}
      error={error}
    />
  );
}

/** People of the case's unit first, then the county office, then everyone else. */
export function rankFor(petition: Petition, units: readonly Unit[]) {
  const county = new Set(units.filter((u) => u.kind === "county").map((u) => u.id));
  return (p: DirectoryEntry) =>
    p.unitId === petition.responsibleUnitId ? 0 : county.has(p.unitId) ? 1 : 2;
}
