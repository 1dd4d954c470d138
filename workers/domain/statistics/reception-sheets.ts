import type { Statistics } from "../../../schema/api/statistics.ts";
import { PURPOSE_LABELS, type Purpose } from "../../../schema/reference/intake.ts";
import { STATUS_LABELS } from "../../../schema/reference/petition-statuses.ts";
import type { PetitionStatus, ReceptionVisitRow } from "../../../schema/tenant/tables.ts";
import type { StaffView } from "../tenancy/county-context.ts";
import type { Cell } from "./export.ts";

/** A visit as the register prints it: the petitioner already unsealed (and masked if need be). */
export interface RegisterVisit {
  visit: ReceptionVisitRow;
  petitionerName: string;
  trackingCode: string;
  status: PetitionStatus;
}

export interface SheetColumn<T> {
  header: string;
  width: number;
  value: (row: T, index: number) => Cell;
}

/**
 * Who reads the petitioner's name in full on the register: the leader who received them,
 * and the clerks and handlers of the county office or of the unit that held the session
 * (those who must contact them). Everyone else who may export reads a masked name.
 */
export function seesVisitIdentity(viewer: StaffView, visit: ReceptionVisitRow): boolean {
  if (viewer.staffId === visit.leaderId) return true;
  const involved = viewer.inCountyOffice || viewer.unitId === visit.unitId;
  return involved && viewer.roles.some((role) => role === "clerk" || role === "handler");
}

/** 《领导干部接待群众来访登记表》: one row per visit, in Chinese, oldest first. */
export function registerColumns(
  categoryName: (code: string) => string,
): SheetColumn<RegisterVisit>[] {
  return [
    { header: "序号", width: 6, value: (_r, i) => i + 1 },
    { header: "接访日期", width: 12, value: (r) => r.visit.date },
    { header: "接访领导", width: 10, value: (r) => r.visit.leaderName },
    { header: "职务", width: 16, value: (r) => r.visit.leaderPosition },
    { header: "来访人", width: 10, value: (r) => r.petitionerName },
    { header: "来访人数", width: 8, value: (r) => r.visit.headcount },
    {
      header: "信访目的",
      width: 10,
      value: (r) => PURPOSE_LABELS[r.visit.purpose as Purpose] ?? r.visit.purpose,
    },
    {
      header: "内容分类",
      width: 18,
      value: (r) => `${r.visit.categoryCode} ${categoryName(r.visit.categoryCode)}`.trim(),
    },
    { header: "来访事由", width: 40, value: (r) => r.visit.summary },
    { header: "处理意见", width: 30, value: (r) => r.visit.handling ?? "" },
    { header: "登记查询码", width: 14, value: (r) => r.trackingCode },
    { header: "办理情况", width: 10, value: (r) => STATUS_LABELS[r.status] },
  ];
}

export type LeaderLine = Statistics["leaders"][number] & { closed: number; position: string };

/** 《领导干部接待群众来访情况统计表》: per leader, then 合计. */
export function statisticsColumns(): SheetColumn<LeaderLine>[] {
  return [
    { header: "序号", width: 6, value: (_r, i) => i + 1 },
    { header: "领导姓名", width: 12, value: (r) => r.name },
    { header: "职务", width: 16, value: (r) => r.position },
    { header: "接访天次", width: 10, value: (r) => r.sessions },
    { header: "接待批次", width: 10, value: (r) => r.visits },
    { header: "接待人次", width: 10, value: (r) => r.visitors },
    { header: "包案件数", width: 10, value: (r) => r.casesOwned },
    { header: "接访事项办结数", width: 14, value: (r) => r.closed },
    { header: "督办件数", width: 10, value: (r) => r.casesSupervised },
    { header: "回访次数", width: 10, value: (r) => r.followUps },
  ];
}

/**
 * The leaders' lines with their 合计 (sums of every count), leaders with nothing left out.
 * 职务 is the one the period's visits recorded, else the leader's present one.
 */
export function leaderLines(
  leaders: Statistics["leaders"],
  closed: ReadonlyMap<string, number>,
  positions: ReadonlyMap<string, string>,
): { lines: LeaderLine[]; total: LeaderLine } {
  const lines = leaders
    .map((l) => ({
      ...l,
      closed: closed.get(l.leaderId) ?? 0,
      position: positions.get(l.leaderId) ?? "",
    }))
    .filter((l) => l.sessions + l.visits + l.casesOwned + l.casesSupervised + l.followUps > 0);
  const total: LeaderLine = {
    leaderId: "",
    name: "合计",
    position: "",
    sessions: 0,
    casesOwned: 0,
    visits: 0,
    visitors: 0,
    casesSupervised: 0,
    followUps: 0,
    closed: 0,
  };
  for (const l of lines) {
    total.sessions += l.sessions;
    total.casesOwned += l.casesOwned;
    total.visits += l.visits;
    total.visitors += l.visitors;
    total.casesSupervised += l.casesSupervised;
    total.followUps += l.followUps;
    total.closed += l.closed;
  }
  return { lines, total };
}
