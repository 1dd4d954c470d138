import { type FileKind, type FilePolicy, FilePolicySchema } from "../../../schema/api/files.ts";

export type { FileKind, FilePolicy };

/** Stored settings parsed over the defaults; settings of an older shape fall back to them. */
export function resolveFilePolicy(stored: unknown): FilePolicy {
  const parsed = FilePolicySchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : FilePolicySchema.parse({});
}

/** Citizens attach photos and PDFs; the office's other kinds are for staff. */
export const CITIZEN_KINDS: readonly FileKind[] = ["image", "pdf"];

const MB = 1024 * 1024;
export const sizeText = (bytes: number) =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
