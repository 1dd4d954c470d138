import type { CitizenFile } from "../../../schema/api/files.ts";
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
import { ApiError, readErrorBody, request, seg } from "./client.ts";

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

/** A photo or PDF for the petition just submitted, streamed as the body; typed by content. */
export async function uploadPetitionerFile(
  tenant: string,
  trackingCode: string,
  uploadToken: string,
  file: File,
): Promise<CitizenFile> {
  let res: Response;
  try {
    res = await fetch(
      `${base(tenant)}/public/petitions/${seg(trackingCode)}/files?name=${encodeURIComponent(file.name)}`,
      {
        method: "POST",
        headers: {
          accept: "application/json",
          "content-type": "application/octet-stream",
          "x-upload-token": uploadToken,
        },
        body: file,
      },
    );
  } catch {
    throw new ApiError(0, { code: "NETWORK", message: "网络连接失败，文件没有上传，请重试。" });
  }
  if (res.ok) return (await res.json()) as CitizenFile;
  throw new ApiError(res.status, await readErrorBody(res));
}
