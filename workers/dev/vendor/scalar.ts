import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { npmPack, type Packed } from "./npm-pack.ts";

/**
 * `npm run vendor:scalar [version]`: copies Scalar's standalone API reference and the two
 * fonts it asks for into web/public/vendor/scalar, so /api/docs works on a county intranet
 * with no internet. @scalar/api-reference is one 4.8 MB script in a package that installs
 * some 300 MB of dependencies, and its fonts come from a CDN: hence a copy, not a dependency.
 */

const out = new URL("../../../web/public/vendor/scalar/", import.meta.url).pathname;
const version = process.argv[2] ?? "latest";

const scalar = npmPack(`@scalar/api-reference@${version}`);
const inter = npmPack("@fontsource-variable/inter@latest");
const mono = npmPack("@fontsource-variable/jetbrains-mono@latest");

mkdirSync(out, { recursive: true });
copyFileSync(join(scalar.dir, "dist/browser/standalone.js"), join(out, "standalone.js"));
copyFileSync(join(inter.dir, "files/inter-latin-wght-normal.woff2"), join(out, "inter.woff2"));
copyFileSync(
  join(mono.dir, "files/jetbrains-mono-latin-wght-normal.woff2"),
  join(out, "jetbrains-mono.woff2"),
);

const licence = (p: Packed) => readFileSync(join(p.dir, "LICENSE"), "utf8").trim();
writeFileSync(
  join(out, "NOTICE.md"),
  `# Scalar API reference, vendored

Written by \`npm run vendor:scalar\` (workers/dev/vendor/scalar.ts); do not edit by hand.
Served at /vendor/scalar/ for /api/docs (workers/api/routes/docs.ts).

| file | from | licence |
| --- | --- | --- |
| standalone.js | ${scalar.name}@${scalar.version}, dist/browser/standalone.js | MIT (https://github.com/scalar/scalar) |
| inter.woff2 | ${inter.name}@${inter.version}, files/inter-latin-wght-normal.woff2 | OFL-1.1 |
| jetbrains-mono.woff2 | ${mono.name}@${mono.version}, files/jetbrains-mono-latin-wght-normal.woff2 | OFL-1.1 |

## Inter

${licence(inter)}

## JetBrains Mono

${licence(mono)}
`,
);

for (const p of [scalar, inter, mono]) p.remove();
console.log(`web/public/vendor/scalar: ${scalar.name}@${scalar.version}`);
