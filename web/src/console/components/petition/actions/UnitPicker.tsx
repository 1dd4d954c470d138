import { useState } from "preact/hooks";
import type { Unit } from "../../../../../../schema/api/units.ts";
import { unitOptions } from "../../../units.ts";
import { SelectField, TextField } from "../../Field.tsx";

/** A unit and every unit below it. */
function subtree(units: readonly Unit[], rootId: string): Set<string> {
  const out = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

/**
 * The unit a case goes to. Units the rules forbid (an accusation's accused unit and those
 * below it, §30) are not offered at all; the clerk can type part of a name to narrow a
 * county's long list.
 */
export function UnitPicker({
  id,
  label,
  units,
  exclude,
  forbidden,
  value,
  onValue,
  error,
}: {
  id: string;
  label: string;
  units: readonly Unit[];
  exclude: string;
  /** An accusation's subject unit: it and its subtree are never offered. */
  forbidden?: string | null | undefined;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
}) {
  const [filter, setFilter] = useState("");
  const barred = forbidden ? subtree(units, forbidden) : new Set<string>();
  const needle = filter.trim();
  const options = unitOptions(units)
    .filter((o) => o.id !== exclude && o.unit.kind !== "county" && !barred.has(o.id))
    .filter((o) => !needle || o.unit.name.includes(needle) || o.id === value)
    .map((o) => ({ value: o.id, label: o.unit.name }));
  return (
    <>
      <TextField
        id={`${id}-filter`}
        label="筛选单位（输入名称中的字）"
        value={filter}
        onValue={setFilter}
        maxLength={20}
        autoComplete="off"
      />
      <SelectField
        id={id}
        label={label}
        value={value}
        onValue={onValue}
        options={options}
        placeholder={options.length === 0 ? "没有符合的单位" : "请选择"}
        required
        error={error}
      />
    </>
  );
}
