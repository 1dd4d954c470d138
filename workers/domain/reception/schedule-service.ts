import type { ReceptionForm } from "../../../schema/reference/reception-forms.ts";
import type { ReceptionSessionRow, StaffRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { ApiError, invalid, notFound } from "../../errors.ts";
import { sessionClient } from "../../reception/client.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import {
  findReceptionSession,
  insertSessionStatement,
  listReceptionSessions,
  updateSessionStatement,
} from "../../storage/reception.ts";
import { insertSessionDesksStatement } from "../../storage/reception-desks.ts";
import { findStaff } from "../../storage/staff.ts";
import { decryptPii } from "../crypto/pii.ts";
import { noticeStatements } from "../notify/notices.ts";
import { flushOutbox } from "../notify/outbox.ts";
import { loadNotificationSettings } from "../notify/settings-store.ts";
import { type CaseContext, type StaffView, unitSubtree } from "../tenancy/county-context.ts";
import { type DeskInput, deskRows } from "./desk-rules.ts";
import { occurrences, type Recurrence } from "./recurrence.ts";
import { windowProblems } from "./session.ts";

export interface NewSessions {
  leaderId: string;
  unitId?: string | undefined;
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  townshipId?: string | undefined;
  form: ReceptionForm;
  slotMinutes: number;
  capacityPerSlot: number;
  portfolio?: string | undefined;
  topics?: string | undefined;
  repeat?: { rule: Recurrence; until: string } | undefined;
  /** A joint reception's other desks (联合接访), for every session created. */
  desks?: DeskInput[] | undefined;
}

/** Who may schedule for a unit: its own clerks and leaders, or the county office. */
function assertSchedules(viewer: StaffView, unitId: string) {
  const schedules = viewer.roles.some(
    (r) => r === "clerk" || r === "leader" || r === "supervisor" || r === "tenant_admin",
  );
  if (!schedules || !(viewer.inCountyOffice || viewer.unitId === unitId)) {
    throw new ApiError("FORBIDDEN", "只能为本单位安排接访日");
  }
}

/** Sends a session's object its schedule and the county's rules. */
export async function configureSession(
  env: Env,
  ctx: CaseContext,
  row: ReceptionSessionRow,
  shard: string,
) {
  await sessionClient(env, ctx.scope, row, shard).configure();
}

/** Creates one session, or a series by a recurrence rule; all as drafts until published. */
export async function createSessions(ctx: CaseContext, viewer: StaffView, input: NewSessions) {
  const unitId = input.unitId ?? viewer.unitId;
  if (!ctx.units.some((u) => u.id === unitId)) throw invalid("unitId", "单位不存在");
  const township = ctx.units.find((u) => u.id === input.townshipId);
  if (input.townshipId && township?.kind !== "township") {
    throw invalid("townshipId", "请选择本县的乡镇（街道）");
  }
  assertSchedules(viewer, unitId);
  const leader = await findStaff(ctx.scope, input.leaderId);
  if (!leader || leader.disabled || !leader.roles.includes("leader")) {
    throw invalid("leaderId", "接访领导须为在岗的领导干部");
  }
  // A township schedules its own leaders; only the county office may put a county leader
  // (or another unit's) in front of citizens.
  if (!viewer.inCountyOffice && !unitSubtree(ctx.units, unitId).includes(leader.unitId)) {
    throw invalid("leaderId", "只能安排本单位（含下属单位）的领导接访");
  }
  const window = {
    date: input.date,
    start: input.startTime,
    end: input.endTime,
    slotMinutes: input.slotMinutes,
    capacityPerSlot: input.capacityPerSlot,
  };
  const problems = windowProblems(window);
  if (problems.length > 0) {
    throw new ApiError("VALIDATION_FAILED", "接访时间安排有误", {
      status: 422,
      details: problems.map((message) => ({ path: "startTime", message })),
    });
  }
  if (input.date < ctx.today) throw invalid("date", "接访日期不能早于今天");
  const dates = input.repeat
    ? occurrences(input.repeat.rule, input.date, input.repeat.until, ctx.calendar)
    : [input.date];
  if (dates.length === 0) throw invalid("repeat", "该规则在所选期间内没有可安排的日期");
  if (dates.length > 200) throw invalid("repeat", "一次最多安排 200 场接访");
  const seriesId = input.repeat ? crypto.randomUUID() : null;
  const rows = dates.map((date) => sessionRow(ctx, leader, unitId, input, date, seriesId));
  const desks = input.desks?.length
    ? await deskRows(
        ctx,
        viewer,
        {
          unitId,
          leaderId: leader.id,
          leaderName: leader.displayName,
          leaderPosition: leader.position ?? "",
        },
        input.desks,
      )
    : [];
  await batchWithAudit(
    ctx.scope,
    rows.flatMap((row) => [
      insertSessionStatement(ctx.scope, row),
      ...(desks.length > 0 ? [insertSessionDesksStatement(ctx.scope, row.id, desks)] : []),
    ]),
    {
      actorId: viewer.staffId,
      action: "reception.schedule",
      targetType: "reception_session",
      targetId: seriesId ?? rows[0]?.id,
      detail: { dates: dates.length, leaderId: leader.id, unitId },
    },
    ctx.now,
  );
  return rows.map((row) => ({ ...row, tenantId: ctx.scope.tenant }));
}

function sessionRow(
  ctx: CaseContext,
  leader: StaffRow,
  unitId: string,
  input: NewSessions,
  date: string,
  seriesId: string | null,
): Omit<ReceptionSessionRow, "tenantId"> {
  return {
    id: crypto.randomUUID(),
    unitId,
    leaderId: leader.id,
    leaderName: leader.displayName,
    leaderPosition: leader.position ?? "",
    portfolio: input.portfolio ?? null,
    topics: input.topics ?? null,
    date,
    startTime: input.startTime,
    endTime: input.endTime,
    venue: input.venue,
    townshipId: input.townshipId ?? null,
    form: input.form,
    slotMinutes: input.slotMinutes,
    capacityPerSlot: input.capacityPerSlot,
    status: "draft",
    seriesId,
    publishedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/** Publishes the drafts of a period (typically a quarter) and opens them for booking. */
export async function publishSessions(
  env: Env,
  ctx: CaseContext,
  viewer: StaffView,
  shard: string,
  period: { from: string; to: string; unitId?: string | undefined },
) {
  if (period.unitId) assertSchedules(viewer, period.unitId);
  else if (!viewer.inCountyOffice)
    throw new ApiError("FORBIDDEN", "只有县信访局可以一次公示全县的接访日");
  const drafts = await listReceptionSessions(ctx.scope, { ...period, statuses: ["draft"] });
  const mine = drafts.filter((d) => viewer.inCountyOffice || d.unitId === viewer.unitId);
  if (mine.length === 0) return [];
  await batchWithAudit(
    ctx.scope,
    mine.map((row) =>
      updateSessionStatement(ctx.scope, row.id, {
        status: "published",
        publishedAt: ctx.now,
        updatedAt: ctx.now,
      }),
    ),
    {
      actorId: viewer.staffId,
      action: "reception.publish",
      targetType: "reception_session",
      detail: { ...period, count: mine.length },
    },
    ctx.now,
  );
  const published = mine.map((row) => ({
    ...row,
    status: "published" as const,
    publishedAt: ctx.now,
    updatedAt: ctx.now,
  }));
  await Promise.all(published.map((row) => configureSession(env, ctx, row, shard)));
  return published;
}

/**
 * Changes or cancels a session. Everyone booked on a published session is told by SMS,
 * and the session's object learns the new schedule at once.
 */
export async function changeSession(
  env: Env,
  ctx: CaseContext,
  viewer: StaffView,
  shard: string,
  id: string,
  change: {
    cancel?: { reason: string } | undefined;
    venue?: string | undefined;
    startTime?: string | undefined;
    endTime?: string | undefined;
    townshipId?: string | null | undefined;
  },
) {
  const row = await findReceptionSession(ctx.scope, id);
  if (!row) throw notFound("该接访日");
  assertSchedules(viewer, row.unitId);
  if (row.status === "cancelled") throw new ApiError("CONFLICT", "该接访日已取消");
  if (change.townshipId) {
    if (row.form !== "field") throw invalid("townshipId", "只有下访可以选择乡镇");
    const township = ctx.units.find((u) => u.id === change.townshipId);
    if (township?.kind !== "township") throw invalid("townshipId", "请选择本县的乡镇（街道）");
  }
  const next: ReceptionSessionRow = {
    ...row,
    ...(change.venue && { venue: change.venue }),
    ...(change.startTime && { startTime: change.startTime }),
    ...(change.endTime && { endTime: change.endTime }),
    ...(change.townshipId !== undefined && { townshipId: change.townshipId }),
    ...(change.cancel && { status: "cancelled" as const }),
    updatedAt: ctx.now,
  };
  const problems = windowProblems({
    date: next.date,
    start: next.startTime,
    end: next.endTime,
    slotMinutes: next.slotMinutes,
    capacityPerSlot: next.capacityPerSlot,
  });
  if (problems.length > 0) throw invalid("startTime", problems.join("；"));
  const what = change.cancel
    ? `已取消（${change.cancel.reason}）`
    : [
        change.venue && `地点改为${change.venue}`,
        (change.startTime || change.endTime) && `时间改为${next.startTime}–${next.endTime}`,
      ]
        .filter(Boolean)
        .join("，");

  const statements = [];
  statements.push(
    updateSessionStatement(ctx.scope, id, {
      venue: next.venue,
      startTime: next.startTime,
      endTime: next.endTime,
      townshipId: next.townshipId,
      status: next.status,
      updatedAt: ctx.now,
    }),
  );
  let told = 0;
  // The township alone changes nothing a booked citizen goes by: the venue names the place.
  if (row.status === "published" && what) {
    const settings = await loadNotificationSettings(ctx.scope, ctx.keys);
    const booked = await sessionClient(env, ctx.scope, row, shard).activeBookings();
    for (const booking of booked) {
      const party = JSON.parse(await decryptPii(ctx.keys, booking.partySealed)) as {
        phone?: string;
      };
      if (!party.phone) continue;
      told += 1;
      statements.push(
        ...(await noticeStatements(
          ctx.scope,
          ctx.keys,
          settings,
          {
            event: "session.changed",
            key: `session:${id}:${ctx.now.getTime()}:${booking.code}`,
            params: { date: row.date, leader: row.leaderName, change: what },
            phone: party.phone,
          },
          ctx.now,
        )),
      );
    }
  }
  await batchWithAudit(
    ctx.scope,
    statements,
    {
      actorId: viewer.staffId,
      action: change.cancel ? "reception.cancel" : "reception.change",
      targetType: "reception_session",
      targetId: id,
      detail: { change: what, told, townshipId: next.townshipId },
    },
    ctx.now,
  );
  if (next.status !== "draft") await configureSession(env, ctx, next, shard);
  await flushOutbox(env, ctx.scope, ctx.now);
  return { session: next, told };
}
