import type { UnitKind } from "../../../schema/tenant/tables.ts";
import { conflict, invalid, notFound } from "../../errors.ts";
import { batchWithAudit, errorText } from "../../storage/audit.ts";
import { requestReindexStatements } from "../../storage/search-reindex.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import {
  findUnit,
  findUnitByCode,
  insertUnitStatement,
  listUnits,
  updateUnitStatement,
} from "../../storage/units.ts";
import type { Actor } from "../staff/accounts.ts";
import { unitPlacementProblem } from "./unit-tree.ts";

export async function createUnit(
  scope: TenantScope,
  input: { name: string; kind: UnitKind; parentId?: string | undefined; code?: string | undefined },
  actor: Actor,
  now = new Date(),
) {
  // Townships and bureaus default to hanging under the county office.
  const parent = input.parentId
    ? await findUnit(scope, input.parentId)
    : (await listUnits(scope)).find((unit) => unit.kind === "county");
  if (input.parentId && !parent) throw invalid("parentId", "上级单位不存在");
  const problem = unitPlacementProblem(input.kind, parent?.kind);
  if (problem) throw invalid(input.parentId ? "parentId" : "kind", problem);
  if (input.code) await assertCodeFree(scope, input.code);

  const id = crypto.randomUUID();
  const unit = { id, kind: input.kind, name: input.name, code: input.code, parentId: parent?.id };
  try {
    await batchWithAudit(
      scope,
      [insertUnitStatement(scope, unit, now)],
      { actorId: actor.id, action: "unit.create", targetType: "unit", targetId: id, detail: unit },
      now,
    );
  } catch (error) {
    if (/UNIQUE constraint failed: units/.test(errorText(error)))
      throw conflict("单位代码已被使用");
    throw error;
  }
  const row = await findUnit(scope, id);
  if (!row) throw notFound("该单位");
  return row;
}

export async function renameUnit(
  scope: TenantScope,
  id: string,
  patch: { name?: string | undefined; code?: string | null | undefined },
  actor: Actor,
  now = new Date(),
) {
  const before = await findUnit(scope, id);
  if (!before) throw notFound("该单位");
  // An empty change would reach the database as an UPDATE with nothing to set.
  if (patch.name === undefined && patch.code === undefined) {
    throw invalid("name", "请填写要修改的单位名称或代码");
  }
  if (patch.code) await assertCodeFree(scope, patch.code, id);
  await batchWithAudit(
    scope,
    [
      updateUnitStatement(scope, id, patch),
      // Cases are found by their units' names: the cron re-indexes those naming this one.
      ...(patch.name !== undefined && patch.name !== before.name
        ? requestReindexStatements(
            scope,
            { id: crypto.randomUUID(), kind: "unit", target: id, by: actor.id },
            now,
          )
        : []),
    ],
    { actorId: actor.id, action: "unit.update", targetType: "unit", targetId: id, detail: patch },
    now,
  );
  const row = await findUnit(scope, id);
  if (!row) throw notFound("该单位");
  return row;
}

async function assertCodeFree(scope: TenantScope, code: string, exceptId?: string) {
  const holder = await findUnitByCode(scope, code);
  if (holder && holder.id !== exceptId) throw conflict(`单位代码 ${code} 已被使用`);
}
