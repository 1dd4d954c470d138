import { request, seg } from "./client.ts";
import type {
  CategoryCatalog,
  EvaluateBody,
  EvaluationView,
  SubmitOnlinePetitionBody,
  SubmitOnlineResult,
  TrackBody,
  TrackedPetition,
} from "./petition-types.ts";

// Public endpoints, no login. Kept apart from the staff client so the citizens' pages bundle
// only what they use.
const base = (tenant: string) => `/api/v1/t/${seg(tenant)}`;

export function getCategories(tenant: string): Promise<CategoryCatalog> {
  return request("GET", `${base(tenant)}/categories`);
}

export interface PublicUnit {
  id: string;
  name: string;
  kind: "county" | "township" | "bureau";
}

export function getPublicUnits(tenant: string): Promise<{ items: PublicUnit[] }> {
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
