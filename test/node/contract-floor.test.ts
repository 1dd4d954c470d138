import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** Every TypeScript source below a folder. */
function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((path) => /\.tsx?$/.test(path) && !path.includes("migrations"))
    .map((path) => join(folder, path));
}

interface Import {
  file: string;
  target: string;
  typeOnly: boolean;
}

/** Relative imports and re-exports of a file, resolved to paths from the repository root. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const statements = text.matchAll(
    /^(import|export)\s+(type\s+)?(?:[^;]*?\s+from\s+)?"(\.[^"]+)";?$/gms,
  );
  return [...statements].map((match) => ({
    file,
    target: relative(".", resolve(dirname(file), match[3] ?? "")),
    typeOnly: Boolean(match[2]),
  }));
}

const under = (folder: string) => (i: Import) => i.target.startsWith(`${folder}/`);

describe("schema/, the contract floor", () => {
  it("imports neither the Worker nor the web app", () => {
    const imports = sources("schema").flatMap(importsOf);
    expect(imports.length).toBeGreaterThan(10);
    expect(imports.filter((i) => under("workers")(i) || under("web")(i))).toEqual([]);
  });

  it("is what the web stands on: no Worker code, and the zod schemas for types only", () => {
    const imports = sources("web/src").flatMap(importsOf);
    expect(imports.filter(under("schema")).length).toBeGreaterThan(10);
    expect(imports.filter(under("workers"))).toEqual([]);
    const zodAtRunTime = imports.filter(
      (i) => (under("schema/api")(i) || under("schema/realtime")(i)) && !i.typeOnly,
    );
    expect(zodAtRunTime).toEqual([]);
  });

  it("leaves no hand-written mirror of the contract in the web app", () => {
    const mirrors = sources("web/src").filter((file) =>
      /Hand-written mirror|Keep in step/i.test(readFileSync(file, "utf8")),
    );
    expect(mirrors).toEqual([]);
  });
});
