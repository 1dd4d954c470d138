import type { UnitKind } from "../../../schema/tenant/tables.ts";

/**
 * The county office is the root; townships and bureaus hang under it; villages under a
 * township ("小事不出村"). Returns why a placement is wrong, or undefined when it is right.
 */
export function unitPlacementProblem(
  kind: UnitKind,
  parentKind: UnitKind | undefined,
): string | undefined {
  switch (kind) {
    case "county":
      return "每个县只有一个县信访局（根单位），不能再新建";
    case "township":
    case "bureau":
      return parentKind === "county" ? undefined : "乡镇和县直部门应直接隶属县信访局";
    case "village":
      return parentKind === "township" ? undefined : "村（社区）应隶属某个乡镇或街道";
  }
}
