import { representativesAllowed } from "../../../schema/reference/group-visit.ts";
import type { Channel, Purpose } from "../../../schema/reference/intake.ts";
import type {
  AttachmentMeta,
  NewPetitionRow,
  PetitionMaterial,
  PetitionRow,
  SourceLevel,
} from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { conflict, invalid } from "../../errors.ts";
import { batchWithAudit, errorText } from "../../storage/audit.ts";
import type { HandOff } from "../../storage/deliveries.ts";
import { insertEventStatement, insertPetitionStatement } from "../../storage/petitions.ts";
import { listForReviewStatement } from "../../storage/review-list.ts";
import { findStaff } from "../../storage/staff.ts";
import { encryptPii, lookupHash } from "../crypto/pii.ts";
import { addCalendarDays, cstDate, daysBetween } from "../deadlines/index.ts";
import { groupVisitRules } from "../deadlines/policy.ts";
import { mustActStatements } from "../notify/case-notices.ts";
import { claimHandOff, handOff } from "../notify/outbox.ts";
import { checkIdNumber } from "../petitioner/id-number.ts";
import { checkMobile } from "../petitioner/phone.ts";
import { newTrackingCode } from "../petitioner/tracking-code.ts";
import { newSearchRowid, searchIndexStatements } from "../search/index-case.ts";
import { normalizeName } from "../search/tokens.ts";
import {
  type CaseContext,
  countyOffice,
  type StaffView,
  unitSubtree,
} from "../tenancy/county-context.ts";
import { caseClocks, clockColumns } from "./clocks.ts";
import { flagsOf, intakeReads } from "./intake-flags.ts";
import { owedNotice, petitionerNoticeStatements } from "./petitioner-notices.ts";
import type { Person, SealedParties } from "./view.ts";

export interface Intake extends PetitionMaterial {
  channel: Channel;
  purpose: Purpose;
  categoryCode: string;
  receivedAt: string;
  anonymous?: boolean | undefined;
  petitioner?: Person | undefined;
  representatives?: Person[] | undefined;
  headcount?: number | undefined;
  subjectUnitId?: string | undefined;
  subjectText?: string | undefined;
  attachments?: AttachmentMeta[] | undefined;
  unitId?: string | undefined;
  fromAbove?: { level: SourceLevel; reference: string; due?: string | undefined } | undefined;
  /** A visit received by a leader on a reception day: that leader owns the case (包案). */
  ownerLeaderId?: string | undefined;
}

/** A letter is registered after it arrives, but never more than this long after. */
const MAX_RECEIVED_DAYS_BACK = 90;

/** A registered case, and what registering it read and took on the way. */
export interface Registered {
  row: PetitionRow;
  /** The earlier cases its flags name that the registrant may see (§30). */
  shown: ReadonlySet<string>;
}

/**
 * Registers a petition from any channel; the caller hands the outbox to the queue after
 * (see `registerCase` for a registration that does both).
 */
export async function registerPetition(
  ctx: CaseContext,
  input: Intake,
  registrant: StaffView | null,
): Promise<PetitionRow> {
  return (await registerCase(ctx, input, registrant)).row;
}

/**
 * Registers a petition from any channel. Everything intake notices (a repeat, the same
 * matter in progress below, a legal route) is recorded as a flag: registration itself is
 * never refused for it.
 *
 * Three D1 round trips with the sign-in: one batch reads the earlier cases (with whether
 * the registrant may see each), the notification settings and, for a group visit, the staff
 * to alert; one batch writes the case, its audit entry (sealed beforehand by the county's
 * chain object) and its notices. With `env`, that batch also takes the outbox's hand-off,
 * and the notices go to the queue from here, without a read.
 */
export async function registerCase(
  ctx: CaseContext,
  input: Intake,
  registrant: StaffView | null,
  env?: Env,
): Promise<Registered> {
  const category = ctx.taxonomy.find(input.categoryCode);
  if (!category) throw invalid("categoryCode", "内容分类不存在");
  if (!category.parentCode) throw invalid("categoryCode", "请选择具体的小类");
  const receivedOn = receivedDate(ctx, input.receivedAt);
  checkRepresentatives(ctx, input);
  const parties = normalizeParties(input);
  const unit = registeringUnit(ctx, input, registrant);
  if (input.subjectUnitId && !ctx.units.some((u) => u.id === input.subjectUnitId)) {
    throw invalid("subjectUnitId", "被反映单位不存在");
  }

  const confidential = input.purpose === "accusation" || category.accusation;
  const ownerLeaderId = await receivingOwner(ctx, input, confidential);

  const lead = parties.petitioner;
  const [idHash, phoneHash, nameHash] = await Promise.all([
    lead?.idNumber ? lookupHash(ctx.keys, "id", lead.idNumber) : null,
    lead?.phone ? lookupHash(ctx.keys, "phone", lead.phone) : null,
    lead?.name ? lookupHash(ctx.keys, "name", normalizeName(lead.name)) : null,
  ]);
  // A group visit alerts the county office's staff; below that number nobody is alerted
  // of a registration, and nobody's list is read.
  const headcount = input.headcount ?? Math.max(1, parties.representatives.length);
  const groupVisit = headcount >= ctx.policy.groupVisitAlertAt;
  const reads = await intakeReads(
    ctx,
    { idHash, phoneHash },
    input.categoryCode,
    registrant,
    groupVisit,
  );
  // The whole truth is recorded on the case; each reader sees it through `presentFlags`.
  const flags = flagsOf(ctx, input, unit.id, reads.earlier);
  const shown = new Set(reads.earlier.filter((c) => c.shown === 1).map((c) => c.id));

  const registeredOn = ctx.today;
  const noticeOwed = isNoticeOwed(parties);
  const facts = {
    status: "registered" as const,
    receivedOn,
    registeredOn,
    noticeOwed,
    noticedOn: null,
    firstPetition: flags.firstPetition,
    routing: null,
    extensionDays: 0,
    pausedDays: 0,
    repliedOn: null,
    reviewRequestedOn: null,
    reReviewRequestedOn: null,
    evaluated: false,
    upstreamDue: input.fromAbove?.due ?? null,
  };
  const clocks = clockColumns(caseClocks(facts, ctx.policy, ctx.calendar), ctx.policy);
  const sealed = parties.petitioner
    ? await encryptPii(ctx.keys, JSON.stringify(parties satisfies SealedParties))
    : null;

  for (let attempt = 1; ; attempt += 1) {
    const row: NewPetitionRow = {
      id: crypto.randomUUID(),
      trackingCode: newTrackingCode(),
      version: 1,
      status: "registered",
      channel: input.channel,
      purpose: input.purpose,
      categoryCode: input.categoryCode,
      confidential,
      receivedOn,
      registeredAt: ctx.now,
      registeredBy: registrant?.staffId ?? null,
      registeringUnitId: unit.id,
      responsibleUnitId: unit.id,
      handlerId: null,
      ownerLeaderId,
      subjectUnitId: input.subjectUnitId ?? null,
      subjectText: input.subjectText ?? null,
      headcount,
      anonymous: parties.petitioner === null,
      noticeOwed,
      noticedOn: null,
      alertMarks: [],
      petitionerSealed: sealed,
      idHash,
      phoneHash,
      nameHash,
      searchRowid: newSearchRowid(ctx.now),
      material: {
        facts: input.facts,
        demands: input.demands,
        ...(input.hardships && { hardships: input.hardships }),
        ...(input.history && { history: input.history }),
        ...(input.priorHandling && { priorHandling: input.priorHandling }),
      },
      attachments: input.attachments ?? [],
      flags,
      repeatOf: flags.repeat?.of ?? null,
      routing: null,
      extensionDays: 0,
      extensionRequest: null,
      sourceLevel: input.fromAbove?.level ?? null,
      upstreamRef: input.fromAbove?.reference ?? null,
      upstreamDue: input.fromAbove?.due ?? null,
      upstreamReportedOn: null,
      reviewListedAt: null,
      reviewReason: null,
      pausedDays: 0,
      reply: null,
      repliedOn: null,
      reviewRequestedOn: null,
      reReviewRequestedOn: null,
      evaluation: null,
      closure: null,
      ownerSignedOff: false,
      ...clocks,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    const written = {
      ...row,
      tenantId: ctx.scope.tenant,
      deadlineSort: row.nextDeadlineAt?.getTime() ?? Number.MAX_SAFE_INTEGER,
      awaitingReport: null,
      categoryClass: row.categoryCode.slice(0, 2),
    };
    const owed = owedNotice(ctx, "register", written, {});
    const settings = reads.settings;
    const told = [
      ...(owed ? await petitionerNoticeStatements(ctx, settings, written, owed) : []),
      // A group visit at or above the county's number alerts the county office at once.
      ...(await mustActStatements(
        ctx,
        settings,
        registrant,
        "register",
        written,
        written,
        {},
        reads.staff,
      )),
    ];
    const handingOff = env !== undefined && told.length > 0;
    try {
      const results = await batchWithAudit(
        ctx.scope,
        [
          insertPetitionStatement(ctx.scope, row),
          insertEventStatement(ctx.scope, {
            ...registeredEvent(row),
            detail: {
              channel: input.channel,
              ...(input.fromAbove && { fromAbove: input.fromAbove }),
            },
          }),
          ...searchIndexStatements(ctx, row),
          ...told,
          // The earlier case of a matter petitioned again goes on the review list (逐案评查).
          ...(flags.repeat
            ? [listForReviewStatement(ctx.scope, flags.repeat.of, "petitionedAgain", ctx.now)]
            : []),
          ...(handingOff ? [claimHandOff(ctx.scope, ctx.now)] : []),
        ],
        {
          actorId: registrant?.staffId ?? null,
          action: "petition.register",
          targetType: "petition",
          targetId: row.id,
          detail: { channel: row.channel, unitId: unit.id, confidential: row.confidential },
        },
        ctx.now,
      );
      if (env && handingOff) {
        // The case is registered: a queue that refuses now leaves its notices in the outbox,
        // given back for the next flush (the cron's at the latest), not a failed request.
        await handOff(env, ctx.scope, results.at(-1) as HandOff[], ctx.now).catch((error) =>
          console.error(`notify: hand-off after registration failed, left in the outbox`, error),
        );
      }
      return { row: written, shown };
    } catch (error) {
      // Two cases drew the same tracking code: draw again.
      if (
        !/UNIQUE constraint failed: petitions\.tenant_id, petitions\.tracking_code/.test(
          errorText(error),
        ) ||
        attempt >= 5
      ) {
        throw error;
      }
    }
  }
}

/**
 * The timeline's first entry, as written with the case: the response shows it without
 * reading it back.
 */
export function registeredEvent(
  row: Pick<PetitionRow, "id" | "registeredAt" | "registeredBy" | "registeringUnitId" | "channel">,
) {
  return {
    petitionId: row.id,
    version: 1,
    at: row.registeredAt,
    action: "register",
    fromStatus: null,
    toStatus: "registered",
    actorId: row.registeredBy,
    actorUnitId: row.registeringUnitId,
    note: null,
    detail: { channel: row.channel },
  };
}

/**
 * The leader who received a visit owns it (包案), except an accusation whose accused unit
 * is not known yet or is the leader's own (§30): the county office names an owner then.
 * The visit is registered either way.
 */
async function receivingOwner(
  ctx: CaseContext,
  input: Intake,
  confidential: boolean,
): Promise<string | null> {
  if (!input.ownerLeaderId) return null;
  if (!confidential) return input.ownerLeaderId;
  if (!input.subjectUnitId) return null;
  const leader = await findStaff(ctx.scope, input.ownerLeaderId);
  if (!leader || unitSubtree(ctx.units, input.subjectUnitId).includes(leader.unitId)) return null;
  return leader.id;
}

function receivedDate(ctx: CaseContext, receivedAt: string) {
  const instant = new Date(receivedAt.length === 10 ? `${receivedAt}T12:00:00+08:00` : receivedAt);
  if (Number.isNaN(instant.getTime())) throw invalid("receivedAt", "收到日期无效");
  const day = cstDate(instant);
  if (day > ctx.today) throw invalid("receivedAt", "收到日期不能晚于今天");
  if (daysBetween(day, ctx.today) > MAX_RECEIVED_DAYS_BACK) {
    throw invalid(
      "receivedAt",
      `收到日期不能早于 ${addCalendarDays(ctx.today, -MAX_RECEIVED_DAYS_BACK)}（${MAX_RECEIVED_DAYS_BACK} 日内）`,
    );
  }
  return day;
}

function checkPerson(person: Person, path: string): Person {
  const result: Person = { name: person.name };
  if (person.idNumber) {
    const id = checkIdNumber(person.idNumber);
    if (!id.ok) throw invalid(`${path}.idNumber`, id.reason);
    result.idNumber = id.value;
  }
  if (person.phone) {
    const phone = checkMobile(person.phone);
    if (!phone.ok) throw invalid(`${path}.phone`, phone.reason);
    result.phone = phone.value;
  }
  if (person.address) result.address = person.address;
  return result;
}

/** §23: a notice is owed only to a petitioner whose name and address are both known. */
export function isNoticeOwed(parties: SealedParties): boolean {
  const lead = parties.petitioner;
  return Boolean(lead?.name?.trim() && lead.address?.trim());
}

function checkRepresentatives(ctx: CaseContext, input: Intake) {
  const count = input.representatives?.length ?? 0;
  const headcount = input.headcount ?? Math.max(1, count);
  const max = representativesAllowed(groupVisitRules(ctx.policy), headcount);
  if (count > max) {
    throw invalid("representatives", `${headcount} 人来访，集体访代表不超过 ${max} 人（第二十条）`);
  }
}

function normalizeParties(input: Intake): SealedParties {
  if (input.anonymous) return { petitioner: null, representatives: [] };
  if (!input.petitioner) throw invalid("petitioner", "请填写信访人信息，或勾选匿名");
  return {
    petitioner: checkPerson(input.petitioner, "petitioner"),
    representatives: (input.representatives ?? []).map((p, i) =>
      checkPerson(p, `representatives.${i}`),
    ),
  };
}

function registeringUnit(ctx: CaseContext, input: Intake, registrant: StaffView | null) {
  const office = countyOffice(ctx.units);
  if (!office) throw conflict("本县尚未设置县信访局");
  if (!registrant) return office;
  const unitId = input.unitId ?? registrant.unitId;
  // A clerk registers for their own unit; the county office may register for any unit.
  const allowed = registrant.inCountyOffice || unitId === registrant.unitId;
  const unit = ctx.units.find((u) => u.id === unitId);
  if (!unit || !allowed) throw invalid("unitId", "只能以本单位名义登记");
  return unit;
}
