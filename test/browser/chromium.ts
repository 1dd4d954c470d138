import { spawn } from "node:child_process";
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { createBrotliDecompress } from "node:zlib";

/**
 * The Chromium the browser tests drive, from npm alone: @sparticuz/chromium ships a
 * headless-shell build (brotli-packed) with the NSS libraries it links against, and
 * @expo-google-fonts/noto-sans-sc the Chinese font. Both are unpacked once into
 * node_modules/.cache, under a lock, because vitest starts several workers at once and the
 * package's own executablePath() unpacks into a shared temporary folder without one.
 */

export interface LocalChromium {
  readonly executablePath: string;
  /** Environment for the browser process: its libraries and a fonts.conf of npm fonts only. */
  readonly env: Record<string, string>;
}

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("../..", import.meta.url));
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
/** The package exports only its entry point (build/index.js), not package.json. */
const chromiumDir = dirname(dirname(require.resolve("@sparticuz/chromium")));

/** A stale lock (a worker killed while unpacking) is taken over after this long. */
const STALE_LOCK_MS = 5 * 60_000;

function chromiumVersion(): string {
  const pkg = JSON.parse(readFileSync(join(chromiumDir, "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

async function unbrotli(from: string, to: string) {
  await pipeline(createReadStream(from), createBrotliDecompress(), createWriteStream(to));
}

/** Unpacks a .tar.br with the system's tar: every Linux has one, and no extra package. */
async function untar(from: string, into: string) {
  mkdirSync(into, { recursive: true });
  const tar = spawn("tar", ["-x", "-C", into], { stdio: ["pipe", "inherit", "inherit"] });
  const exited = new Promise<void>((resolve, reject) => {
    tar.once("error", reject);
    tar.once("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`tar exited with ${code} on ${from}`)),
    );
  });
  await pipeline(createReadStream(from), createBrotliDecompress(), tar.stdin);
  await exited;
}

function fontsConf(dir: string): string {
  const noto = packageDir("@expo-google-fonts/noto-sans-sc");
  const dirs = [
    join(noto, "400Regular"),
    join(noto, "700Bold"),
    // Open Sans, which the Chromium package ships for Latin text.
    join(dir, "fonts", "fonts"),
  ];
  const alias = (family: string) =>
    `  <alias><family>${family}</family><prefer><family>Noto Sans SC</family></prefer></alias>`;
  return [
    `<?xml version="1.0"?>`,
    `<!DOCTYPE fontconfig SYSTEM "fonts.dtd">`,
    `<fontconfig>`,
    ...dirs.map((d) => `  <dir>${d}</dir>`),
    `  <cachedir>${join(dir, "fontconfig-cache")}</cachedir>`,
    ...["sans-serif", "serif", "monospace", "system-ui"].map(alias),
    `</fontconfig>`,
    ``,
  ].join("\n");
}

async function unpack(into: string) {
  const bin = join(chromiumDir, "bin");
  await unbrotli(join(bin, "chromium.br"), join(into, "chromium"));
  await untar(join(bin, "al2023.tar.br"), join(into, "al2023"));
  await untar(join(bin, "fonts.tar.br"), join(into, "fonts"));
  chmodSync(join(into, "chromium"), 0o755);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Unpacks once per package version; a finished folder appears by an atomic rename. */
async function unpacked(): Promise<string> {
  const cache = join(root, "node_modules", ".cache", "lianxin-chromium");
  const dir = join(cache, chromiumVersion());
  const lock = `${dir}.lock`;
  mkdirSync(cache, { recursive: true });
  while (!existsSync(dir)) {
    try {
      mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else await sleep(250);
      continue;
    }
    try {
      if (existsSync(dir)) break;
      const partial = `${dir}.partial-${process.pid}`;
      rmSync(partial, { recursive: true, force: true });
      mkdirSync(partial);
      await unpack(partial);
      writeFileSync(join(partial, "fonts.conf"), fontsConf(dir));
      renameSync(partial, dir);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}

export async function localChromium(): Promise<LocalChromium> {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `@sparticuz/chromium ships a Linux x64 build only; on ${process.platform}-${process.arch} ` +
        "set CHROMIUM_PATH to a local Chrome or Chromium.",
    );
  }
  const dir = await unpacked();
  const libs = join(dir, "al2023", "lib");
  return {
    executablePath: join(dir, "chromium"),
    env: {
      FONTCONFIG_FILE: join(dir, "fonts.conf"),
      LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
    },
  };
}
