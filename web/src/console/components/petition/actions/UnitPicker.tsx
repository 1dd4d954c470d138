import type { Unit } from "../../../../../../schema/api/units.ts";
import { unitOptions } from "../../../units.ts";
import { SelectField } from "../../Field.tsx";

export function UnitPicker({
  id,
  label,
  units,
  exclude,
  value,
  onValue,
  error,
}: {
  id: string;
  label: string;
  units: readonly Unit[];
  exclude: string;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
}) {
  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      onValue={onValue}
      options={unitOptions(units)
        .filter((o) => o.id !== exclude && o.unit.kind !== "county")
        .map((o) => ({ value: o.id, label: o.unit.name }))}
      placeholder="请选择"
      required
      error={error}
    />
  );
}
