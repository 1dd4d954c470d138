import type { SearchHit, SearchPage, SearchQuery } from "../../../schema/api/search.ts";
import { request, seg } from "./client.ts";

export type { SearchHit, SearchPage };
export type SearchParams = Partial<Record<keyof SearchQuery, string>>;

export function searchPetitions(tenant: string, params: SearchParams): Promise<SearchPage> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  return request("GET", `/api/v1/t/${seg(tenant)}/search?${query}`);
}
