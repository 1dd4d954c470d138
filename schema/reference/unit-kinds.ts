/** The kinds of unit in a county's tree, from the top down, with their Chinese names. */
export const unitKinds = ["county", "township", "bureau", "village"] as const;
export type UnitKind = (typeof unitKinds)[number];

/** The kinds a citizen may name as what their petition is about: never a village committee. */
export const publicUnitKinds = [
  "county",
  "township",
  "bureau",
] as const satisfies readonly UnitKind[];
export type PublicUnitKind = (typeof publicUnitKinds)[number];

export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = /* @__PURE__ */ Object.freeze({
  county: "县信访局",
  township: "乡镇/街道",
  bureau: "县直部门",
  village: "村/社区",
});
