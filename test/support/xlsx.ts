import { unzipSync } from "fflate";

const xmlText = (s: string) =>
  s
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");

/**
 * The first sheet of an XLSX file as rows of cell texts, as a spreadsheet program reads it:
 * shared strings resolved, inline strings and numbers as written, cells a row leaves out
 * (empty ones) as "" up to the last written.
 */
export function readSheet(bytes: ArrayBuffer): { name: string; rows: string[][] } {
  const files = unzipSync(new Uint8Array(bytes));
  const text = (name: string) => new TextDecoder().decode(files[name] ?? new Uint8Array());
  const shared = [...text("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    xmlText([...(m[1] ?? "").matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join("")),
  );
  const column = (ref: string) =>
    [...(/^[A-Z]+/.exec(ref)?.[0] ?? "A")].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const rows = [...text("xl/worksheets/sheet1.xml").matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map(
    (row) => {
      const cells: string[] = [];
      for (const cell of (row[1] ?? "").matchAll(/<c([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = cell[1] ?? "";
        const body = cell[2] ?? "";
        const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        const inline = /<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1];
        const at = column(/r="([A-Z]+)\d+"/.exec(attrs)?.[1] ?? "");
        while (cells.length < at) cells.push("");
        cells[at >= 0 ? at : cells.length] = /t="s"/.test(attrs)
          ? (shared[Number(value)] ?? "")
          : xmlText(inline ?? value ?? "");
      }
      return cells;
    },
  );
  const name = /<sheet [^>]*name="([^"]*)"/.exec(text("xl/workbook.xml"))?.[1] ?? "";
  return { name: xmlText(name), rows };
}
