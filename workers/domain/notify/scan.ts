import { DEADLINE_LABELS } from "../../../schema/reference/deadlines.ts";
import type { DeadlineAlertRow, PetitionRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { listActiveTenants } from "../../storage/control.ts";
import type { HandOff } from "../../storage/deliveries.ts";
import { hasScanRun, openSupervisionStatement } from "../../storage/notify.ts";
import {
  type DueCase,
  type DueKey,
  dueCases,
  insertAlertsStatements,
  recordedAlerts,
  setNextAlertStatements,
} from "../../storage/scan.ts";
import { openTenantScope, type TenantScope } from "../../storage/tenant-scope.ts";
import { cstDate, deadlineStatus } from "../deadlines/index.ts";
import { type AlertMarkAt, alertMarks, storedClocks } from "../petitions/clocks.ts";
import { countyOffice, unitAncestors, unitSubtree } from "../tenancy/county-context.ts";
import { warnMissingCalendar } from "./calendar-watch.ts";
import { sendDigests } from "./digest.ts";
import { type Notice, noticeStatements } from "./notices.ts";
import { flushOutbox, handOff } from "./outbox.ts";
import { sendReceptionReminders } from "./reminders.ts";
import { lazyPeople, type ScanPeople } from "./scan-people.ts";

export interface ScanReport {
  tenants: number;
  /** Counties whose scan failed this run: logged, and scanned again by the next run. */
  failed: number;
  /** Rows D1 read to find the due cases: follows the due cases, not the open ones. */
  rowsRead: number;
  cases: number;
  alerts: number;
  breaches: number;
  digests: number;
  /** Citizens reminded of tomorrow's reception bookings. */
  reminders: number;
  enqueued: number;
  /** Counties handed to the scan queue: more due cases than one run takes, or no room. */
  continued: number;
}

/**
 * What the scan queue carries: a county the cron had no room for (`run`: its whole scan),
 * or one whose due cases one invocation could not clear (`continue`).
 */
export interface ScanMessage {
  step: "run" | "continue";
  tenant: string;
  shard: string;
  /** The run's instant, so a continuation judges the same marks as the run it continues. */
  at: number;
}

/** Due cases read per round trip and written per batch. */
const PAGE = 100;
/**
 * Round trips (D1 queries and queue sends) one invocation may spend on due cases, whatever
 * the number of counties it scans: a Worker has 1,000 subrequests per invocation, and a D1
 * batch is one of them. The rest is left for the counties' fixed work and the cron's
 * housekeeping. A county with more due cases than fit continues on the scan queue.
 */
export const SCAN_TRIPS = 600;
/**
 * Time one invocation may spend on due cases. Wall time bounds CPU time, and a Worker has
 * 30 s of CPU by default: 10,000 due cases take ~13 s on a development machine.
 */
export const SCAN_MS = 20_000;

/** What is left of an invocation's round trips and time for due cases, shared by its counties. */
export interface ScanBudget {
  left: number;
  /** Epoch ms after which no further page is started. */
  until: number;
}

export const scanBudget = (left = SCAN_TRIPS): ScanBudget => ({
  left,
  until: Date.now() + SCAN_MS,
});

const SEVERITY = ["near", "dueToday", "overdue", "expired"];
const severity = (mark: string) => SEVERITY.findIndex((s) => mark.startsWith(s));

const emptyReport = (): ScanReport => ({
  tenants: 0,
  failed: 0,
  rowsRead: 0,
  cases: 0,
  alerts: 0,
  breaches: 0,
  digests: 0,
  reminders: 0,
  enqueued: 0,
  continued: 0,
});

function addTo(report: ScanReport, part: Partial<ScanReport>) {
  for (const key of Object.keys(report) as (keyof ScanReport)[]) report[key] += part[key] ?? 0;
}

/**
 * The deadline scan, run by the cron trigger and by `runDeadlineScan`. For every county it
 * reads only the cases whose next alert time has come, records each mark once (near at
 * 70 % and 90 %, due today, overdue, evaluation expired), opens supervision on a breach,
 * writes the notices, and hands deliveries to the queue. Running it twice, or again after
 * an interruption, records and sends nothing twice. A county that fails is logged and left
 * for the next run; the others are scanned all the same.
 */
export async function runDeadlineScan(
  env: Env,
  now = new Date(),
  only?: string,
  /** Counties scanned in this invocation; the rest are handed to the scan queue. */
  inline = Number.POSITIVE_INFINITY,
  budget: ScanBudget = scanBudget(),
): Promise<ScanReport> {
  const report = emptyReport();
  const tenants = (await listActiveTenants(env)).filter((t) => !only || t.code === only);
  const later = tenants.slice(inline);
  // A queue takes at most 100 messages per send.
  for (let start = 0; start < later.length; start += 100) {
    const chunk = later.slice(start, start + 100);
    await env.SCAN_QUEUE.sendBatch(
      chunk.map((tenant) => ({ body: scanMessage("run", tenant, now) })),
    );
    report.continued += chunk.length;
  }
  for (const tenant of tenants.slice(0, inline)) {
    report.tenants += 1;
    try {
      addTo(report, await scanTenant(env, tenant, now, budget));
    } catch (error) {
      report.failed += 1;
      console.error(`deadline scan: county ${tenant.code} failed; the next run tries again`, error);
    }
  }
  return report;
}

/** One county's run: its due cases (as many as one invocation takes), digest, reminders. */
export async function scanTenant(
  env: Env,
  tenant: { code: string; shard: string },
  now: Date,
  budget: ScanBudget = scanBudget(),
): Promise<Partial<ScanReport>> {
  const scope = openTenantScope(env, tenant);
  const load = lazyPeople(env, scope, now);
  const part = await scanDueCases(env, scope, load, now, budget);
  const more = part.more;
  if (more) await continueLater(env, tenant, now);
  const today = cstDate(now);
  const morning = new Date(now.getTime() + 8 * 3_600_000).getUTCHours() >= 8;
  let digests = 0;
  let reminders = 0;
  if (morning && !(await hasScanRun(scope, "digest", today))) {
    digests = await sendDigests(await load(), today);
  }
  if (morning && !(await hasScanRun(scope, "reception.reminder", today))) {
    const loaded = await load();
    reminders = await sendReceptionReminders(loaded.ctx, loaded.settings, today);
  }
  if (morning && !(await hasScanRun(scope, "calendar.missing", today))) {
    await warnMissingCalendar(await load(), today);
  }
  // By the clock, as hand-offs are stamped: a hand-off is stale 15 minutes after it was
  // made, whatever instant the run judges deadlines at.
  const flushed = await flushOutbox(env, scope, new Date());
  return {
    ...part,
    digests,
    reminders,
    enqueued: part.enqueued + flushed,
    continued: more ? 1 : 0,
  };
}

/** The scan queue's work: a county's run, or its due cases continued from a run that ran out. */
export async function continueScan(
  env: Env,
  message: ScanMessage,
  budget: ScanBudget = scanBudget(),
) {
  const now = new Date(message.at);
  const tenant = { code: message.tenant, shard: message.shard };
  if (message.step === "run") return scanTenant(env, tenant, now, budget);
  const scope = openTenantScope(env, { code: message.tenant, shard: message.shard });
  const part = await scanDueCases(env, scope, lazyPeople(env, scope, now), now, budget);
  if (part.more) await continueLater(env, { code: message.tenant, shard: message.shard }, now);
  part.enqueued += await flushOutbox(env, scope, new Date());
  return part;
}

const scanMessage = (
  step: ScanMessage["step"],
  tenant: { code: string; shard: string },
  now: Date,
): ScanMessage => ({ step, tenant: tenant.code, shard: tenant.shard, at: now.getTime() });

async function continueLater(env: Env, tenant: { code: string; shard: string }, now: Date) {
  await env.SCAN_QUEUE.send(scanMessage("continue", tenant, now));
}

/**
 * Pages through the county's due cases in (alert time, id) order until none are left or
 * the invocation's round trips or time are spent; `more` says the queue should carry on.
 */
async function scanDueCases(
  env: Env,
  scope: TenantScope,
  load: () => Promise<ScanPeople>,
  now: Date,
  budget: ScanBudget,
) {
  const part = { rowsRead: 0, cases: 0, alerts: 0, breaches: 0, enqueued: 0, more: false };
  let after: DueKey | undefined;
  // A page's round trips: its read, the county's people (first page only), the alerts of
  // cases from before 0023, its batch of writes, and its deliveries' queue sends.
  let dearest = 4 + PEOPLE_TRIPS;
  while (budget.left >= dearest && Date.now() < budget.until) {
    const { cases, rowsRead } = await dueCases(scope, now, after, PAGE);
    part.rowsRead += rowsRead;
    budget.left -= 1;
    const last = cases.at(-1)?.row;
    if (!last?.nextAlertAt) return part;
    if (after === undefined) budget.left -= PEOPLE_TRIPS;
    const page = await scanPage(env, load, cases, now);
    part.cases += page.cases;
    part.alerts += page.alerts;
    part.breaches += page.breaches;
    part.enqueued += page.enqueued;
    budget.left -= page.trips;
    dearest = Math.max(dearest, 1 + page.trips);
    after = { at: last.nextAlertAt.getTime(), id: last.id };
    if (cases.length < PAGE) return part;
  }
  part.more = true;
  return part;
}

/** Round trips that loading the county's people takes (context, staff, settings), at most. */
const PEOPLE_TRIPS = 4;

const markKey = (m: { key: string; due: string; mark: string }) => `${m.key}|${m.due}|${m.mark}`;

/**
 * One page of due cases: one batch writes every mark, supervision, notice and next alert
 * time, then its deliveries go to the queue. Only cases from before migration 0023, which
 * do not carry their marks, need a read of the alerts recorded on them.
 */
async function scanPage(
  env: Env,
  load: () => Promise<ScanPeople>,
  cases: readonly DueCase[],
  now: Date,
) {
  let trips = 0;
  const people = await load();
  const { ctx } = people;
  const unmarked = cases.filter((c) => c.row.alertMarks === null).map((c) => c.row.id);
  const recorded = unmarked.length > 0 ? await recordedAlerts(ctx.scope, unmarked) : [];
  if (unmarked.length > 0) trips += 1;
  const seen = new Set(
    recorded.map((a) => `${a.petitionId}|${markKey({ ...a, key: a.deadlineKey })}`),
  );
  for (const { row } of cases) for (const m of row.alertMarks ?? []) seen.add(`${row.id}|${m}`);
  const alerts: Omit<DeadlineAlertRow, "tenantId">[] = [];
  const nextAlerts: { id: string; version: number; at: Date | null; marks: string[] }[] = [];
  const statements = [];
  const audited: { petitionId: string; marks: string[] }[] = [];
  // Handed off by the clock, not the run's instant: a continuation may run minutes later,
  // and the outbox takes again what was handed off long ago.
  const handedOff = { at: new Date(), taken: [] as HandOff[] };
  let breaches = 0;
  for (const { row, recused } of cases) {
    const marks = alertMarks(storedClocks(row.deadlines), ctx.policy.nearAlerts);
    const pending = marks.filter((m) => m.at <= now && !seen.has(`${row.id}|${markKey(m)}`));
    // The marks of its present clocks that are recorded, now these are too.
    const recordedMarks = marks.filter((m) => m.at <= now).map(markKey);
    nextAlerts.push({
      id: row.id,
      version: row.version,
      at: marks.find((m) => m.at > now)?.at ?? null,
      marks: recordedMarks,
    });
    if (pending.length === 0) continue;
    for (const mark of pending) {
      alerts.push({
        petitionId: row.id,
        deadlineKey: mark.key,
        due: mark.due,
        mark: mark.mark,
        unitId: row.responsibleUnitId,
        at: now,
      });
    }
    // A case that arrives late has several marks at once: tell people only the gravest.
    const gravest = new Map<string, AlertMarkAt>();
    for (const mark of pending) {
      const current = gravest.get(mark.key);
      if (!current || severity(mark.mark) >= severity(current.mark)) gravest.set(mark.key, mark);
    }
    // One supervision and one message per case, whatever broke: several clocks that lapse
    // together (accept and notice) are one breach of the office's duty on one case.
    const overdue = [...gravest.values()].filter((m) => m.mark === "overdue");
    const [firstBreach] = overdue;
    if (firstBreach) {
      breaches += overdue.length;
      statements.push(
        openSupervisionStatement(
          ctx.scope,
          {
            petitionId: row.id,
            deadlineKey: firstBreach.key,
            due: firstBreach.due,
            unitId: row.responsibleUnitId,
            ...unitAncestors(ctx.units, row.responsibleUnitId),
          },
          now,
        ),
      );
    }
    const told = [...gravest.values()].filter((m) => m.mark !== "overdue" || m === firstBreach);
    for (const mark of told) {
      const together = mark === firstBreach ? overdue : [mark];
      const notice = markNotice(people, row, mark, together, recused);
      if (notice)
        statements.push(
          ...(await noticeStatements(ctx.scope, ctx.keys, people.settings, notice, now, handedOff)),
        );
    }
    audited.push({ petitionId: row.id, marks: pending.map((m) => `${m.key}:${m.mark}:${m.due}`) });
  }
  const moves = setNextAlertStatements(ctx.scope, nextAlerts);
  const writes = [...insertAlertsStatements(ctx.scope, alerts), ...statements, ...moves];
  const [firstMove, ...otherMoves] = moves;
  if (audited.length === 0) {
    if (firstMove) await ctx.scope.db.batch([firstMove, ...otherMoves]);
  } else {
    await batchWithAudit(
      ctx.scope,
      writes,
      {
        actorId: null,
        action: breaches > 0 ? "deadline.breach" : "deadline.alert",
        targetType: "tenant",
        targetId: ctx.scope.tenant,
        detail: { cases: audited },
      },
      now,
    );
  }
  trips += 1;
  // Written already taken for the queue: sent now, with no claim to read them back. A send
  // that fails gives them back to the outbox, which the run's flush takes at once.
  let enqueued = 0;
  try {
    await handOff(env, ctx.scope, handedOff.taken, handedOff.at);
    enqueued = handedOff.taken.length;
  } catch (error) {
    console.error("deadline scan: hand-off failed; the outbox sends what it gave back", error);
  }
  trips += Math.ceil(handedOff.taken.length / 100);
  return { cases: cases.length, alerts: alerts.length, breaches, enqueued, trips };
}

/** Who hears about a mark: the case's people, and on a breach the unit head and supervisors. */
function markNotice(
  people: ScanPeople,
  row: PetitionRow,
  mark: AlertMarkAt,
  together: readonly AlertMarkAt[],
  recused: ReadonlySet<string>,
): Notice | undefined {
  const { ctx, staff } = people;
  if (mark.mark === "expired") return undefined;
  const active = staff.filter((s) => !s.disabled);
  const inUnit = (unitId: string, ...roles: string[]) =>
    active.filter((s) => s.unitId === unitId && s.roles.some((r) => roles.includes(r)));
  const office = countyOffice(ctx.units);
  const handler = active.find((s) => s.id === row.handlerId);
  const owner = active.find((s) => s.id === row.ownerLeaderId);
  const holders = handler ? [handler] : inUnit(row.responsibleUnitId, "clerk", "handler");
  let recipients = [...holders, ...(owner ? [owner] : [])];
  if (mark.mark === "overdue") {
    recipients.push(...inUnit(row.responsibleUnitId, "leader"));
    if (office) recipients.push(...inUnit(office.id, "supervisor"));
  }
  // §28 and §30 hold for messages too: no one recused, and for an accusation only the
  // county office and the designated handler, never anyone of the accused unit.
  const accused = row.subjectUnitId
    ? new Set(unitSubtree(ctx.units, row.subjectUnitId))
    : new Set<string>();
  recipients = recipients.filter(
    (s, i, all) =>
      all.findIndex((o) => o.id === s.id) === i &&
      !recused.has(s.id) &&
      (!row.confidential ||
        ((s.id === row.handlerId || s.unitId === office?.id) && !accused.has(s.unitId))),
  );
  const status = deadlineStatus(
    { key: mark.key, due: mark.due, from: mark.from, rule: { days: 0, kind: "calendar" } },
    ctx.today,
    ctx.calendar,
  );
  const unitName = ctx.units.find((u) => u.id === row.responsibleUnitId)?.name ?? "";
  return {
    event:
      mark.mark === "overdue"
        ? "deadline.overdue"
        : mark.mark === "dueToday"
          ? "deadline.dueToday"
          : "deadline.near",
    key: `alert:${row.id}:${mark.key}:${mark.due}:${mark.mark}`,
    params: {
      trackingCode: row.trackingCode,
      category: ctx.taxonomy.name(row.categoryCode),
      deadline: together.map((m) => DEADLINE_LABELS[m.key]).join("、"),
      due: mark.due,
      percent: Math.min(100, Math.round(status.fractionUsed * 100)),
      unit: unitName,
    },
    petitionId: row.id,
    link: `/t/${ctx.scope.tenant}/console/petitions/${row.id}`,
    staff: recipients,
    confidential: row.confidential,
  };
}
