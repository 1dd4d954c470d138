import type {
  EvaluateBody,
  EvaluationView,
  PublicUnits,
  SubmitOnlinePetitionBody,
  SubmitOnlineResult,
  TrackBody,
  TrackedPetition,
} from "../../../schema/api/petitions.ts";
import type { CategoryCatalog } from "../../../schema/api/reference.ts";
import { request, seg } from "./client.ts";

// Public endpoints, no login. Kept apart from the staff client so the citizens' pages bundle
// only what they use.
const base = (tenant: string) => `/api/v1/t/${seg(tenant)}`;

export function getCategories(tenant: string): Promise<CategoryCatalog> {
  return request("GET", `${base(tenant)}/categories`);
}

export function getPublicUnits(tenant: string): Promise<PublicUnits> {
  return request("GET", `${base(tenant)}/public/units`);
}

export function submitOnlinePetition(
  tenant: string,
  body: SubmitOnlinePetitionBody,
): Promise<SubmitOnlineResult> {
  return request("POST", `${base(tenant)}/public/petitions`, body);
}

export function trackPetition(tenant: string, body: TrackBody): Promise<TrackedPetition> {
  return request("POST", `${base(tenant)}/public/track`, body);
}

export function evaluatePetition(tenant: string, body: EvaluateBody): Promise<EvaluationView> {
  return request("POST", `${base(tenant)}/public/evaluate`, body);
}
