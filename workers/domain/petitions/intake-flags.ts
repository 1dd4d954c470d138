import type { PetitionFlags } from "../../../schema/tenant/tables.ts";
import { settingsRowQuery } from "../../storage/notify.ts";
import {
  type EarlierCase,
  earlierCasesQueries,
  findEarlierCases,
  mergeEarlierCases,
} from "../../storage/petitions.ts";
import { staffQuery } from "../../storage/staff.ts";
import type { Viewer } from "../../storage/visibility.ts";
import { lookupHash } from "../crypto/pii.ts";
import { settingsOfRow } from "../notify/settings-store.ts";
import { checkIdNumber } from "../petitioner/id-number.ts";
import { checkMobile } from "../petitioner/phone.ts";
import { type CaseContext, type StaffView, unitSubtree } from "../tenancy/county-context.ts";
import type { Intake } from "./intake.ts";

// What intake notices about a petitioner's earlier cases, and the reads registration makes
// before it writes.

/**
 * What intake would flag, before anything is saved: the clerk sees a repeat while the
 * visitor is still at the desk. Only earlier cases this clerk may see count: to anyone
 * else a repeat of a hidden case answers exactly as a first petition does.
 */
export async function previewFlags(
  ctx: CaseContext,
  input: {
    categoryCode: string;
    idNumber?: string | undefined;
    phone?: string | undefined;
    subjectUnitId?: string | undefined;
  },
  registrant: StaffView,
) {
  const id = input.idNumber ? checkIdNumber(input.idNumber) : undefined;
  const phone = input.phone ? checkMobile(input.phone) : undefined;
  const [idHash, phoneHash] = await Promise.all([
    id?.ok ? lookupHash(ctx.keys, "id", id.value) : null,
    phone?.ok ? lookupHash(ctx.keys, "phone", phone.value) : null,
  ]);
  const flags = await intakeFlags(
    ctx,
    { categoryCode: input.categoryCode, subjectUnitId: input.subjectUnitId },
    registrant.unitId,
    { idHash, phoneHash },
    registrant,
  );
  return {
    firstPetition: flags.firstPetition,
    ...(flags.repeat && { repeat: flags.repeat }),
    ...(flags.inProgressBelow && { inProgressBelow: flags.inProgressBelow }),
    ...(flags.skipLevel && { skipLevel: true }),
    ...(flags.legalRoute && { legalRoute: flags.legalRoute }),
  };
}

/** Everything registration reads before it writes, in one round trip. */
export async function intakeReads(
  ctx: CaseContext,
  hashes: { idHash: string | null; phoneHash: string | null },
  categoryCode: string,
  registrant: StaffView | null,
  withStaff: boolean,
) {
  const scope = ctx.scope;
  const earlierQueries = earlierCasesQueries(
    scope,
    { ...hashes, categoryCode },
    "all",
    registrant ?? undefined,
  );
  const [settingsRows, staffRows, ...found] = await scope.db.batch([
    settingsRowQuery(scope),
    // Kept in its place when not wanted, reading nothing, so the batch's shape is fixed.
    withStaff ? staffQuery(scope) : staffQuery(scope).limit(0),
    ...earlierQueries,
  ]);
  return {
    earlier: mergeEarlierCases(found.flat() as EarlierCase[]),
    settings: await settingsOfRow(settingsRows[0], ctx.keys),
    staff: staffRows,
  };
}

async function intakeFlags(
  ctx: CaseContext,
  input: Pick<Intake, "categoryCode" | "subjectUnitId">,
  unitId: string,
  hashes: { idHash: string | null; phoneHash: string | null },
  viewer: Viewer | "all",
): Promise<PetitionFlags> {
  const earlier = await findEarlierCases(
    ctx.scope,
    {
      ...hashes,
      categoryCode: input.categoryCode,
    },
    viewer,
  );
  return flagsOf(ctx, input, unitId, earlier);
}

export function flagsOf(
  ctx: CaseContext,
  input: Pick<Intake, "categoryCode" | "subjectUnitId">,
  unitId: string,
  earlier: Omit<EarlierCase, "shown">[],
): PetitionFlags {
  const windowStart = ctx.now.getTime() - ctx.policy.repeatWindowDays * 86_400_000;
  const open = (status: string) => status !== "closed" && status !== "declined";
  const repeat = earlier.find((c) => open(c.status) || c.registeredAt.getTime() >= windowStart);
  const flags: PetitionFlags = {
    firstPetition: earlier.length === 0,
    ...(earlier.length > 0 && { basis: earlier.map((c) => c.id) }),
  };
  if (repeat) {
    flags.repeat = {
      of: repeat.id,
      trackingCode: repeat.trackingCode,
      status: repeat.status,
      // §36: once any earlier case of this matter was re-reviewed, it is not accepted again.
      afterReReview: earlier.some((c) => c.status === "re_reviewed" || c.replyStage === "reReview"),
    };
  }
  // §36 finality does not lapse with the repeat window: flagged however long ago.
  const reReviewed = earlier.find((c) => c.status === "re_reviewed" || c.replyStage === "reReview");
  if (reReviewed) flags.final = { of: reReviewed.id, trackingCode: reReviewed.trackingCode };
  const unit = ctx.units.find((u) => u.id === unitId);
  if (unit?.kind === "county") {
    const below = earlier.find((c) => open(c.status) && c.responsibleUnitId !== unitId);
    if (below) flags.inProgressBelow = { of: below.id, unitId: below.responsibleUnitId };
    const subject = ctx.units.find((u) => u.id === input.subjectUnitId);
    if (subject && (subject.kind === "township" || subject.kind === "village")) {
      const below = unitSubtree(ctx.units, subject.id);
      const handledBelow = earlier.filter((c) => below.includes(c.responsibleUnitId));
      if (handledBelow.length === 0) flags.skipLevel = true;
      else flags.handledBelow = handledBelow.map((c) => c.id);
    }
  }
  const note = ctx.taxonomy.find(input.categoryCode)?.legalRouteNote;
  if (note) flags.legalRoute = note;
  return flags;
}
