import type { Unit, UnitKind } from "../../../schema/api/units.ts";
import { UNIT_KINDS } from "../shared/labels.ts";

export interface UnitNode {
  unit: Unit;
  depth: number;
  children: UnitNode[];
}

const kindRank = (kind: UnitKind): number => UNIT_KINDS.indexOf(kind);

/** Townships follow their GB/T 2260 codes (the official order, county seat first). */
function compareUnits(a: Unit, b: Unit): number {
  return (
    kindRank(a.kind) - kindRank(b.kind) ||
    (a.code ?? "~").localeCompare(b.code ?? "~") ||
    a.name.localeCompare(b.name, "zh-CN")
  );
}

/** Units as a forest; a unit whose parent is missing from the list is shown as a root. */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string, Unit[]>();
  const roots: Unit[] = [];
  for (const unit of units) {
    if (unit.parentId && ids.has(unit.parentId) && unit.parentId !== unit.id) {
      const siblings = byParent.get(unit.parentId) ?? [];
      siblings.push(unit);
      byParent.set(unit.parentId, siblings);
    } else {
      roots.push(unit);
    }
  }
  const seen = new Set<string>();
  const grow = (unit: Unit, depth: number): UnitNode => {
    seen.add(unit.id);
    const children = (byParent.get(unit.id) ?? [])
      .filter((child) => !seen.has(child.id))
      .sort(compareUnits)
      .map((child) => grow(child, depth + 1));
    return { unit, depth, children };
  };
  return roots.sort(compareUnits).map((root) => grow(root, 0));
}

/** Depth-first list for <select>s, indented with ideographic spaces to show the tree. */
export function unitOptions(units: readonly Unit[]): { id: string; label: string; unit: Unit }[] {
  const out: { id: string; label: string; unit: Unit }[] = [];
  const walk = (node: UnitNode): void => {
    out.push({
      id: node.unit.id,
      label: `${"\u3000".repeat(node.depth)}${node.unit.name}`,
      unit: node.unit,
    });
    for (const child of node.children) walk(child);
  };
  for (const root of buildUnitTree(units)) walk(root);
  return out;
}

/** Which kinds of unit may sit directly above a unit of this kind. */
export function parentKindsFor(kind: UnitKind): readonly UnitKind[] {
  switch (kind) {
    case "county":
      return [];
    case "township":
    case "bureau":
      return ["county"];
    case "village":
      return ["township"];
  }
}
