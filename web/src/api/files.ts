import type { CaseFile, CaseFileList, FilePolicy } from "../../../schema/api/files.ts";
import { ApiError, readErrorBody, request, seg } from "./client.ts";

export type { CaseFile, FilePolicy };
export type FileStepName = CaseFile["step"];

const filesOf = (tenant: string, petitionId: string) =>
  `/api/v1/t/${seg(tenant)}/petitions/${seg(petitionId)}/files`;

export function listCaseFiles(tenant: string, petitionId: string): Promise<CaseFileList> {
  return request("GET", filesOf(tenant, petitionId));
}

export function getFileSettings(tenant: string): Promise<FilePolicy> {
  return request("GET", `/api/v1/t/${seg(tenant)}/settings/files`);
}

/** Where the browser fetches a file (same-origin cookie); `inline` shows images and PDFs. */
export function fileUrl(tenant: string, file: CaseFile, inline = false): string {
  return `${filesOf(tenant, file.petitionId)}/${seg(file.id)}${inline ? "?disposition=inline" : ""}`;
}

/** The file's bytes go as the request body, streamed by the browser; the server sniffs the type. */
export async function uploadCaseFile(
  tenant: string,
  petitionId: string,
  file: File,
  step: FileStepName,
): Promise<CaseFile> {
  const query = new URLSearchParams({ name: file.name, step });
  let res: Response;
  try {
    res = await fetch(`${filesOf(tenant, petitionId)}?${query}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { accept: "application/json", "content-type": "application/octet-stream" },
      body: file,
    });
  } catch {
    throw new ApiError(0, { code: "NETWORK", message: "网络连接失败，文件没有上传，请重试。" });
  }
  if (res.ok) return (await res.json()) as CaseFile;
  throw new ApiError(res.status, await readErrorBody(res));
}

/** An image's small thumbnail, when it has one (`file.thumbnail`). */
export function thumbnailUrl(tenant: string, file: CaseFile): string {
  return `${filesOf(tenant, file.petitionId)}/${seg(file.id)}/thumbnail`;
}

/** Sends the thumbnail the browser drew of an image just uploaded. */
export async function uploadThumbnail(tenant: string, file: CaseFile, image: Blob): Promise<void> {
  const res = await fetch(thumbnailUrl(tenant, file), {
    method: "PUT",
    credentials: "same-origin",
    headers: { accept: "application/json", "content-type": image.type },
    body: image,
  });
  if (!res.ok) throw new ApiError(res.status, await readErrorBody(res));
}

export function withdrawCaseFile(
  tenant: string,
  file: CaseFile,
  reason: string,
): Promise<CaseFile> {
  return request("POST", `${filesOf(tenant, file.petitionId)}/${seg(file.id)}/withdraw`, {
    reason,
  });
}
