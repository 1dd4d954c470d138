import type { CorrectPetitionBody } from "../../../schema/api/corrections.ts";
import type { PetitionRow } from "../../../schema/tenant/tables.ts";
import { ApiError, conflict, invalid, notFound } from "../../errors.ts";
import { batchWithAudit, errorText } from "../../storage/audit.ts";
import {
  findVisiblePetition,
  insertEventStatement,
  updatePetitionStatement,
} from "../../storage/petitions.ts";
import { encryptPii, lookupHash } from "../crypto/pii.ts";
import { searchIndexStatements } from "../search/index-case.ts";
import { normalizeName } from "../search/tokens.ts";
import type { CaseContext, StaffView } from "../tenancy/county-context.ts";
import { unsealParties } from "./view.ts";

const MATERIAL = ["facts", "demands", "hardships", "history", "priorHandling"] as const;

/** Who may correct the record: the county office, or the unit that registered or holds it. */
function mayCorrect(viewer: StaffView, row: PetitionRow) {
  const involved =
    viewer.inCountyOffice ||
    viewer.unitId === row.responsibleUnitId ||
    viewer.unitId === row.registeringUnitId;
  return (
    involved && viewer.roles.some((r) => r === "clerk" || r === "leader" || r === "supervisor")
  );
}

/**
 * 更正登记信息: puts right what was registered — the material, the category, a misspelt
 * petitioner's name — in one batch with its timeline entry, its audit entry and the case's
 * search row (and the name's blind index), so the case is found by what it now says. A
 * correction never changes who may see the case: a category that would make it
 * confidential, or no longer so, is refused.
 */
export async function correctPetition(
  ctx: CaseContext,
  viewer: StaffView,
  petitionId: string,
  input: CorrectPetitionBody,
): Promise<PetitionRow> {
  const row = await findVisiblePetition(ctx.scope, viewer, petitionId);
  if (!row) throw notFound("该信访事项");
  if (input.version !== row.version) throw stale();
  if (!mayCorrect(viewer, row)) throw new ApiError("FORBIDDEN", "您无权更正此案件的登记信息");

  const changes: Partial<PetitionRow> = {};
  const fields: string[] = [];
  const material = { ...row.material };
  for (const key of MATERIAL) {
    const value = input[key];
    if (value !== undefined && value !== material[key]) {
      material[key] = value;
      fields.push(key);
    }
  }
  if (fields.length) changes.material = material;

  if (input.categoryCode !== undefined && input.categoryCode !== row.categoryCode) {
    const category = ctx.taxonomy.find(input.categoryCode);
    if (!category) throw invalid("categoryCode", "内容分类不存在");
    if (!category.parentCode) throw invalid("categoryCode", "请选择具体的小类");
    if ((row.purpose === "accusation" || Boolean(category.accusation)) !== row.confidential) {
      throw conflict("更正后的分类会改变本案的保密范围，请按程序另行处理");
    }
    changes.categoryCode = input.categoryCode;
    fields.push("categoryCode");
  }

  if (input.petitionerName !== undefined) {
    const parties = await unsealParties(ctx, row);
    if (!parties.petitioner) throw invalid("petitionerName", "匿名信访事项没有信访人姓名");
    if (parties.petitioner.name !== input.petitionerName) {
      parties.petitioner = { ...parties.petitioner, name: input.petitionerName };
      changes.petitionerSealed = await encryptPii(ctx.keys, JSON.stringify(parties));
      changes.nameHash = await lookupHash(ctx.keys, "name", normalizeName(input.petitionerName));
      fields.push("petitionerName");
    }
  }
  if (fields.length === 0) throw invalid("reason", "没有需要更正的内容");

  changes.updatedAt = ctx.now;
  const written = { ...row, ...changes, version: row.version + 1 } as PetitionRow;
  try {
    await batchWithAudit(
      ctx.scope,
      [
        updatePetitionStatement(ctx.scope, row.id, row.version, changes),
        insertEventStatement(ctx.scope, {
          petitionId: row.id,
          version: row.version + 1,
          at: ctx.now,
          action: "correct",
          fromStatus: row.status,
          toStatus: row.status,
          actorId: viewer.staffId,
          actorUnitId: viewer.unitId,
          note: input.reason,
          // Which fields, never their values: a name stays sealed.
          detail: { fields },
        }),
        ...searchIndexStatements(ctx, written),
      ],
      {
        actorId: viewer.staffId,
        action: "petition.correct",
        targetType: "petition",
        targetId: row.id,
        detail: { fields, version: row.version + 1 },
      },
      ctx.now,
    );
  } catch (error) {
    if (/UNIQUE constraint failed: petition_events|NOT NULL/.test(errorText(error))) throw stale();
    throw error;
  }
  return written;
}

const stale = () => conflict("案件已被他人更新，请刷新后重试");
