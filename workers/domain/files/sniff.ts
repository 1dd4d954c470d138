import type { FileKind } from "./policy.ts";

/** What the first bytes of a file say it is, and the names such a file may carry. */
export interface Recognised {
  contentType: string;
  kind: FileKind;
  extensions: readonly string[];
}

/** How many leading bytes `recognise` looks at. */
export const SNIFF_BYTES = 4096;

const ascii = (head: Uint8Array, at: number, text: string) =>
  head.length >= at + text.length && [...text].every((ch, i) => head[at + i] === ch.charCodeAt(0));

const bytes = (head: Uint8Array, at: number, expected: readonly number[]) =>
  head.length >= at + expected.length && expected.every((b, i) => head[at + i] === b);

const OOXML: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};
const OLE: Record<string, string> = {
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
};

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/**
 * The file's type from its content: a fixed allow-list of the signatures an office
 * receives (photos, scans, PDFs, Office documents, voice recordings). Anything else —
 * executables, scripts, archives, HTML — is not recognised, whatever its name says.
 * Office formats share a container (OLE2, or ZIP for the 2007+ formats), so within one
 * the name picks the precise type; a ZIP counts only when it carries Office parts.
 */
export function recognise(head: Uint8Array, name: string): Recognised | undefined {
  const ext = extensionOf(name);
  if (bytes(head, 0, [0xff, 0xd8, 0xff]))
    return { contentType: "image/jpeg", kind: "image", extensions: ["jpg", "jpeg"] };
  if (bytes(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { contentType: "image/png", kind: "image", extensions: ["png"] };
  if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a"))
    return { contentType: "image/gif", kind: "image", extensions: ["gif"] };
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP"))
    return { contentType: "image/webp", kind: "image", extensions: ["webp"] };
  if (ascii(head, 4, "ftyp")) {
    const brand = new TextDecoder().decode(head.slice(8, 12));
    if (["heic", "heix", "mif1", "msf1", "hevc"].includes(brand))
      return { contentType: "image/heic", kind: "image", extensions: ["heic", "heif"] };
    if (brand === "M4A ") return { contentType: "audio/mp4", kind: "audio", extensions: ["m4a"] };
  }
  if (ascii(head, 0, "%PDF-"))
    return { contentType: "application/pdf", kind: "pdf", extensions: ["pdf"] };
  if (bytes(head, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const type = OLE[ext];
    return type ? { contentType: type, kind: "office", extensions: [ext] } : undefined;
  }
  if (bytes(head, 0, [0x50, 0x4b, 0x03, 0x04])) {
    const type = OOXML[ext];
    const text = new TextDecoder("latin1").decode(head);
    const officeParts = ["[Content_Types].xml", "_rels/", "docProps/", "word/", "xl/", "ppt/"];
    return type && officeParts.some((part) => text.includes(part))
      ? { contentType: type, kind: "office", extensions: [ext] }
      : undefined;
  }
  if (
    ascii(head, 0, "ID3") ||
    (head.length > 1 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)
  )
    return { contentType: "audio/mpeg", kind: "audio", extensions: ["mp3"] };
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE"))
    return { contentType: "audio/wav", kind: "audio", extensions: ["wav"] };
  if (ascii(head, 0, "#!AMR"))
    return { contentType: "audio/amr", kind: "audio", extensions: ["amr"] };
  if (ascii(head, 0, "OggS"))
    return { contentType: "audio/ogg", kind: "audio", extensions: ["ogg", "opus"] };
  return undefined;
}
