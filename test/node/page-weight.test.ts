import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const DIST = "web/dist";
const CITIZEN_BUDGET = 60 * 1024;

/** The gzipped bytes of every script a page loads up front (entry and preloaded chunks). */
function initialScriptBytes(page: string): number {
  const html = readFileSync(`${DIST}/${page}`, "utf8");
  const sources = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1] ?? "");
  expect(sources.length).toBeGreaterThan(0);
  return [...new Set(sources)].reduce(
    (sum, src) => sum + gzipSync(readFileSync(`${DIST}${src}`)).byteLength,
    0,
  );
}

describe("page weight", () => {
  it("keeps citizens' pages under 60 KB of gzipped JavaScript", () => {
    for (const page of ["public.html", "index.html", "citizen.html"]) {
      expect(initialScriptBytes(page), page).toBeLessThan(CITIZEN_BUDGET);
    }
  });
});
