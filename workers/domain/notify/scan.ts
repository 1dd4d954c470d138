import type { PetitionRow, StaffRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { listActiveTenants } from "../../storage/control.ts";
import {
  hasScanRun,
  insertAlertStatement,
  insertScanRunStatement,
  openSupervisionStatement,
  recordedAlerts,
  setNextAlertStatement,
} from "../../storage/notify.ts";
import { listOpenPetitionClocks, recusedStaff } from "../../storage/petitions.ts";
import { casesDueForScan } from "../../storage/scan.ts";
import { listStaff } from "../../storage/staff.ts";
import { openTenantScope, type TenantScope } from "../../storage/tenant-scope.ts";
import { cstDate, deadlineStatus } from "../deadlines/index.ts";
import {
  type AlertMarkAt,
  alertMarks,
  DEADLINE_LABELS,
  storedClocks,
} from "../petitions/clocks.ts";
import {
  type CaseContext,
  countyOffice,
  loadCaseContext,
  unitSubtree,
} from "../petitions/context.ts";
import { type Notice, noticeStatements } from "./notices.ts";
import { flushOutbox } from "./outbox.ts";
import { sendReceptionReminders } from "./reminders.ts";
import { type LoadedSettings, loadNotificationSettings } from "./settings-store.ts";

export interface ScanReport {
  tenants: number;
  /** Rows D1 read to find the due cases: follows the due cases, not the open ones. */
  rowsRead: number;
  cases: number;
  alerts: number;
  breaches: number;
  digests: number;
  /** Citizens reminded of tomorrow's reception bookings. */
  reminders: number;
  enqueued: number;
}

const CASES_PER_RUN = 200;
const SEVERITY = ["near", "dueToday", "overdue", "expired"];
const severity = (mark: string) => SEVERITY.findIndex((s) => mark.startsWith(s));

/**
 * The deadline scan, run by the cron trigger and by `runDeadlineScan`. For every county it
 * reads only the cases whose next alert time has come, records each mark once (near at
 * 70 % and 90 %, due today, overdue, evaluation expired), opens supervision on a breach,
 * writes the notices, and hands deliveries to the queue. Running it twice, or again after
 * an interruption, records and sends nothing twice.
 */
export async function runDeadlineScan(
  env: Env,
  now = new Date(),
  only?: string,
): Promise<ScanReport> {
  const report: ScanReport = {
    tenants: 0,
    rowsRead: 0,
    cases: 0,
    alerts: 0,
    breaches: 0,
    digests: 0,
    reminders: 0,
    enqueued: 0,
  };
  for (const tenant of await listActiveTenants(env)) {
    if (only && tenant.code !== only) continue;
    const scope = openTenantScope(env, tenant);
    const part = await scanTenant(env, scope, now);
    report.tenants += 1;
    for (const key of [
      "rowsRead",
      "cases",
      "alerts",
      "breaches",
      "digests",
      "reminders",
      "enqueued",
    ] as const) {
      report[key] += part[key];
    }
  }
  return report;
}

interface ScanPeople {
  ctx: CaseContext;
  staff: StaffRow[];
  settings: LoadedSettings;
}

async function scanTenant(env: Env, scope: TenantScope, now: Date) {
  const part = {
    rowsRead: 0,
    cases: 0,
    alerts: 0,
    breaches: 0,
    digests: 0,
    reminders: 0,
    enqueued: 0,
  };
  const { rows, rowsRead } = await casesDueForScan(scope, now, CASES_PER_RUN);
  part.rowsRead = rowsRead;
  let people: ScanPeople | undefined;
  const load = async () => {
    if (!people) {
      const ctx = await loadCaseContext(env, scope, now);
      people = {
        ctx,
        staff: await listStaff(scope),
        settings: await loadNotificationSettings(scope, ctx.keys),
      };
    }
    return people;
  };
  for (const row of rows) {
    const done = await scanCase(await load(), row, now);
    part.cases += 1;
    part.alerts += done.alerts;
    part.breaches += done.breaches;
  }
  const today = cstDate(now);
  const morning = new Date(now.getTime() + 8 * 3_600_000).getUTCHours() >= 8;
  if (morning && !(await hasScanRun(scope, "digest", today))) {
    part.digests = await sendDigests(await load(), today);
  }
  if (morning && !(await hasScanRun(scope, "reception.reminder", today))) {
    const loaded = await load();
    part.reminders = await sendReceptionReminders(loaded.ctx, loaded.settings, today);
  }
  part.enqueued = await flushOutbox(env, scope, now);
  return part;
}

async function scanCase(people: ScanPeople, row: PetitionRow, now: Date) {
  const { ctx } = people;
  const marks = alertMarks(storedClocks(row.deadlines), ctx.policy.nearAlerts);
  const seen = new Set(
    (await recordedAlerts(ctx.scope, "system", row.id)).map(
      (a) => `${a.deadlineKey}|${a.due}|${a.mark}`,
    ),
  );
  const pending = marks.filter((m) => m.at <= now && !seen.has(`${m.key}|${m.due}|${m.mark}`));
  const next = marks.find((m) => m.at > now)?.at ?? null;
  const statements = [];
  for (const mark of pending) {
    statements.push(
      insertAlertStatement(ctx.scope, {
        petitionId: row.id,
        deadlineKey: mark.key,
        due: mark.due,
        mark: mark.mark,
        unitId: row.responsibleUnitId,
        at: now,
      }),
    );
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
  const breaches = overdue.length;
  if (firstBreach) {
    statements.push(
      openSupervisionStatement(
        ctx.scope,
        {
          petitionId: row.id,
          deadlineKey: firstBreach.key,
          due: firstBreach.due,
          unitId: row.responsibleUnitId,
        },
        now,
      ),
    );
  }
  const told = [...gravest.values()].filter((m) => m.mark !== "overdue" || m === firstBreach);
  for (const mark of told) {
    const notice = await markNotice(people, row, mark, mark === firstBreach ? overdue : [mark]);
    if (notice)
      statements.push(
        ...(await noticeStatements(ctx.scope, ctx.keys, people.settings, notice, now)),
      );
  }
  statements.push(setNextAlertStatement(ctx.scope, row.id, row.version, next));
  if (pending.length === 0) {
    const [only] = statements;
    if (only) await only.run();
    return { alerts: 0, breaches: 0 };
  }
  await batchWithAudit(
    ctx.scope,
    statements,
    {
      actorId: null,
      action: breaches > 0 ? "deadline.breach" : "deadline.alert",
      targetType: "petition",
      targetId: row.id,
      detail: { marks: pending.map((m) => `${m.key}:${m.mark}:${m.due}`) },
    },
    now,
  );
  return { alerts: pending.length, breaches };
}

/** Who hears about a mark: the case's people, and on a breach the unit head and supervisors. */
async function markNotice(
  people: ScanPeople,
  row: PetitionRow,
  mark: AlertMarkAt,
  together: readonly AlertMarkAt[],
): Promise<Notice | undefined> {
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
  const recused = new Set(await recusedStaff(ctx.scope, row.id));
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

/**
 * Once a day, after 08:00 CST: each unit's clerks and leaders hear how many of its cases
 * are near, due today or overdue. Reads the county's open cases once a day.
 */
async function sendDigests(people: ScanPeople, today: string) {
  const { ctx, staff } = people;
  const counts = new Map<string, { near: number; dueToday: number; overdue: number }>();
  const office = countyOffice(ctx.units);
  for (const row of await listOpenPetitionClocks(ctx.scope)) {
    if (!row.nextDeadlineKey) continue;
    // A unit's digest goes to all its clerks and leaders, so it counts only what every one
    // of them may see: an accusation held by a unit is known there to its handler alone
    // (told case by case), and at the county office never if it accuses the office.
    if (
      row.confidential &&
      (row.responsibleUnitId !== office?.id || row.subjectUnitId === office?.id)
    ) {
      continue;
    }
    const clock = storedClocks(row.deadlines).find((c) => c.key === row.nextDeadlineKey);
    if (!clock) continue;
    const { state } = deadlineStatus(clock, today, ctx.calendar, ctx.policy.nearAlerts[0] ?? 0.7);
    if (state === "ok") continue;
    const unit = counts.get(row.responsibleUnitId) ?? { near: 0, dueToday: 0, overdue: 0 };
    unit[state === "near" ? "near" : state === "dueToday" ? "dueToday" : "overdue"] += 1;
    counts.set(row.responsibleUnitId, unit);
  }
  const statements = [];
  for (const [unitId, count] of counts) {
    const recipients = staff.filter(
      (s) =>
        !s.disabled && s.unitId === unitId && s.roles.some((r) => r === "clerk" || r === "leader"),
    );
    const notice: Notice = {
      event: "digest.daily",
      key: `digest:${unitId}:${today}`,
      params: { unit: ctx.units.find((u) => u.id === unitId)?.name ?? "", ...count },
      link: `/t/${ctx.scope.tenant}/console/work`,
      staff: recipients,
    };
    statements.push(
      ...(await noticeStatements(ctx.scope, ctx.keys, people.settings, notice, ctx.now)),
    );
  }
  statements.push(insertScanRunStatement(ctx.scope, "digest", today, ctx.now));
  await batchWithAudit(
    ctx.scope,
    statements,
    {
      actorId: null,
      action: "digest.daily",
      targetType: "tenant",
      targetId: ctx.scope.tenant,
      detail: { units: counts.size },
    },
    ctx.now,
  );
  return counts.size;
}
