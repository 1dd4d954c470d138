import type { NewPetitionRow } from "../../../schema/tenant/tables.ts";
import { indexCaseStatements } from "../../storage/search.ts";
import type { CaseContext } from "../tenancy/county-context.ts";
import { indexBody } from "./tokens.ts";

/** A case's place in the full-text index: its registration time, then a random part. */
export function newSearchRowid(registeredAt: Date): number {
  return registeredAt.getTime() * 1000 + Math.floor(Math.random() * 1000);
}

/**
 * What a case is about, as the clerk would search for it: the five questions, the unit and
 * matter it is about, the written reply, its category (with its parent) and the units that
 * registered and hold it. Never the petitioner's name, phone or ID number.
 */
export function caseSearchTexts(ctx: CaseContext, row: NewPetitionRow) {
  const unitName = (id: string | null) => ctx.units.find((u) => u.id === id)?.name;
  const category = ctx.taxonomy.find(row.categoryCode);
  const parent = category?.parentCode ? ctx.taxonomy.find(category.parentCode) : undefined;
  const m = row.material;
  return [
    m.facts,
    m.demands,
    m.hardships,
    m.history,
    m.priorHandling,
    row.subjectText,
    row.reply?.request,
    row.reply?.factsAndReasons,
    row.reply?.decision,
    category?.name,
    parent?.name,
    unitName(row.subjectUnitId),
    unitName(row.registeringUnitId),
    unitName(row.responsibleUnitId),
  ];
}

/** Statements that (re)index the case, for the batch that writes it. */
export function searchIndexStatements(ctx: CaseContext, row: NewPetitionRow) {
  if (row.searchRowid === null) return [];
  return indexCaseStatements(
    ctx.scope,
    row.id,
    row.searchRowid,
    indexBody(ctx.scope.tenant, caseSearchTexts(ctx, row)),
  );
}

/** Whether a change to a case changes what it is found by. */
export function searchTextChanged(ctx: CaseContext, before: NewPetitionRow, after: NewPetitionRow) {
  const a = caseSearchTexts(ctx, before);
  const b = caseSearchTexts(ctx, after);
  return a.some((text, i) => text !== b[i]);
}
