import type { DirectoryEntry } from "../../../schema/api/staff.ts";
import type { Unit } from "../../../schema/api/units.ts";

/** Names for the ids a case carries: units from /units, staff from /staff/directory. */
export interface Lookup {
  unitName: (id: string | null | undefined) => string;
  staffName: (id: string | null | undefined) => string;
  staff: (id: string | null | undefined) => DirectoryEntry | undefined;
}

export function makeLookup(units: readonly Unit[], staff: readonly DirectoryEntry[]): Lookup {
  const unitById = new Map(units.map((u) => [u.id, u]));
  const staffById = new Map(staff.map((s) => [s.id, s]));
  return {
    unitName: (id) => (id ? (unitById.get(id)?.name ?? "（未知单位）") : "—"),
    staffName: (id) => {
      if (!id) return "—";
      const person = staffById.get(id);
      return person ? person.displayName : "（工作人员）";
    },
    staff: (id) => (id ? staffById.get(id) : undefined),
  };
}

/** "王建国（副县长（分管信访），县信访局）" for pickers. */
export function personLabel(person: DirectoryEntry, unitName: string): string {
  const extra = [person.position, unitName].filter(Boolean).join("，");
  return extra ? `${person.displayName}（${extra}）` : person.displayName;
}
