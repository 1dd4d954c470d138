import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A package's published files, unpacked in a temporary folder, and the version they are. */
export interface Packed {
  readonly name: string;
  readonly version: string;
  /** The tarball's `package/` folder. */
  readonly dir: string;
  readonly remove: () => void;
}

/**
 * Fetches one package's tarball with `npm pack` (the ordinary client, the usual registry) and
 * unpacks it, without installing it or anything it depends on: the vendoring scripts copy a
 * few files out of packages far larger than what the product uses.
 */
export function npmPack(spec: string): Packed {
  const tmp = mkdtempSync(join(tmpdir(), "lianxin-vendor-"));
  const out = execFileSync("npm", ["pack", spec, "--json", "--pack-destination", tmp], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [packed] = JSON.parse(out) as { name: string; version: string; filename: string }[];
  if (!packed) throw new Error(`npm pack ${spec} packed nothing`);
  execFileSync("tar", ["-xzf", join(tmp, packed.filename), "-C", tmp]);
  return {
    name: packed.name,
    version: packed.version,
    dir: join(tmp, "package"),
    remove: () => rmSync(tmp, { recursive: true, force: true }),
  };
}
