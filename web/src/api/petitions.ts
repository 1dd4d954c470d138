import type {
  CalendarDay,
  Calendar as CalendarYear,
  DueDate,
} from "../../../schema/api/calendar.ts";
import type { CorrectPetitionBody } from "../../../schema/api/corrections.ts";
import type {
  ActionInput as ActionBodies,
  CheckPetitionBody,
  CheckPetitionResult,
  CreatePetitionBody,
  DayKind,
  ListPetitionsQuery,
  Petition,
  PetitionPage,
  RecusalBody,
  RecusalRecorded,
} from "../../../schema/api/petitions.ts";
import type { StaffDirectory } from "../../../schema/api/staff.ts";
import { ACTION_PATHS, type PetitionAction } from "../../../schema/reference/petition-actions.ts";
import { request, seg } from "./client.ts";

/** The list's filters as the pages hold them; sent as the query string the API reads. */
type ListOptions = Omit<ListPetitionsQuery, "overdue" | "limit"> & {
  overdue?: boolean;
  limit?: number;
};

const base = (tenant: string) => `/api/v1/t/${seg(tenant)}`;

export function createPetition(tenant: string, body: CreatePetitionBody): Promise<Petition> {
  return request("POST", `${base(tenant)}/petitions`, body);
}

/** Repeat, §19 and skip-level checks for an intake form; nothing is written. */
export function checkPetition(
  tenant: string,
  body: CheckPetitionBody,
  signal?: AbortSignal,
): Promise<CheckPetitionResult> {
  return request("POST", `${base(tenant)}/petitions/check`, body, signal);
}

export function listPetitions(tenant: string, query: ListOptions = {}): Promise<PetitionPage> {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.unitId) params.set("unitId", query.unitId);
  if (query.overdue) params.set("overdue", "true");
  if (query.dueBefore) params.set("dueBefore", query.dueBefore);
  if (query.cursor) params.set("cursor", query.cursor);
  if (query.limit) params.set("limit", String(query.limit));
  const search = params.toString();
  return request("GET", `${base(tenant)}/petitions${search ? `?${search}` : ""}`);
}

export function getPetition(tenant: string, petitionId: string): Promise<Petition> {
  return request("GET", `${base(tenant)}/petitions/${seg(petitionId)}`);
}

export function takeAction<A extends PetitionAction>(
  tenant: string,
  petitionId: string,
  action: A,
  body: ActionBodies[A],
): Promise<Petition> {
  return request(
    "POST",
    `${base(tenant)}/petitions/${seg(petitionId)}/${ACTION_PATHS[action]}`,
    body,
  );
}

export function declareRecusal(
  tenant: string,
  petitionId: string,
  body: RecusalBody,
): Promise<RecusalRecorded> {
  return request("POST", `${base(tenant)}/petitions/${seg(petitionId)}/recusals`, body);
}

/** 更正登记信息: the corrected case, or 409 when someone else changed it first. */
export function correctPetition(
  tenant: string,
  petitionId: string,
  body: CorrectPetitionBody,
): Promise<Petition> {
  return request("POST", `${base(tenant)}/petitions/${seg(petitionId)}/correction`, body);
}

export function getStaffDirectory(tenant: string): Promise<StaffDirectory> {
  return request("GET", `${base(tenant)}/staff/directory`);
}

export function getCalendar(tenant: string, year: number): Promise<CalendarYear> {
  return request("GET", `${base(tenant)}/calendar?year=${year}`);
}

export function putCalendar(
  tenant: string,
  year: number,
  days: CalendarDay[],
): Promise<CalendarYear> {
  return request("PUT", `${base(tenant)}/calendar`, { year, days });
}

export function computeDueDate(
  tenant: string,
  from: string,
  days: number,
  kind: DayKind,
): Promise<DueDate> {
  const params = new URLSearchParams({ from, days: String(days), kind });
  return request("GET", `${base(tenant)}/calendar/due-date?${params}`);
}

export { getCategories } from "./citizen.ts";
