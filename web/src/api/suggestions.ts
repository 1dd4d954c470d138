import type {
  CreateSuggestionBody,
  RecordSuggestionOutcomeBody,
  Suggestion,
  SuggestionList,
} from "../../../schema/api/suggestions.ts";
import type { SuggestionOutcome } from "../../../schema/reference/suggestions.ts";
import { request, seg } from "./client.ts";

export type { Suggestion, SuggestionList } from "../../../schema/api/suggestions.ts";

const base = (tenant: string) => `/api/v1/t/${seg(tenant)}/suggestions`;

export function listSuggestions(
  tenant: string,
  q: { year?: string; outcome?: SuggestionOutcome | ""; cursor?: string | null; limit?: number },
): Promise<SuggestionList> {
  const params = new URLSearchParams();
  if (q.year) params.set("year", q.year);
  if (q.outcome) params.set("outcome", q.outcome);
  if (q.cursor) params.set("cursor", q.cursor);
  if (q.limit) params.set("limit", String(q.limit));
  const s = params.toString();
  return request("GET", `${base(tenant)}${s ? `?${s}` : ""}`);
}

export function createSuggestion(tenant: string, body: CreateSuggestionBody): Promise<Suggestion> {
  return request("POST", base(tenant), body);
}

export function recordSuggestionOutcome(
  tenant: string,
  id: string,
  body: RecordSuggestionOutcomeBody,
): Promise<Suggestion> {
  return request("PUT", `${base(tenant)}/${seg(id)}/outcome`, body);
}
