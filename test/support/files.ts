import { call, freshIp } from "./client.ts";

const enc = new TextEncoder();

/** Bytes that start like a real file of the kind, padded to `size`. */
export function fileBytes(kind: "pdf" | "png" | "jpeg" | "exe" | "zip" | "docx", size = 2048) {
  const heads = {
    pdf: enc.encode("%PDF-1.7\n"),
    png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]),
    exe: enc.encode("MZ\x90\x00This program cannot be run in DOS mode"),
    zip: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...enc.encode("payload/evil.sh")]),
    docx: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...enc.encode("....[Content_Types].xml")]),
  };
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) out[i] = (i * 31 + 7) % 251;
  out.set(heads[kind].slice(0, size));
  return out;
}

export async function sha256(bytes: Uint8Array) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export interface FileReply {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  step: string;
  withdrawn: { reason: string } | null;
  error?: { code: string; message: string };
}

export function upload(
  code: string,
  token: string,
  petitionId: string,
  name: string,
  body: BodyInit,
  options: { step?: string; headers?: Record<string, string> } = {},
) {
  const query = new URLSearchParams({ name, ...(options.step && { step: options.step }) });
  return call<FileReply>(`/api/v1/t/${code}/petitions/${petitionId}/files?${query}`, {
    token,
    rawBody: body,
    headers: { "content-type": "application/octet-stream", ...options.headers },
    ip: freshIp(),
  });
}
