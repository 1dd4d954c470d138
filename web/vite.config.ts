import { readFileSync } from "node:fs";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";

// Resolved from this file rather than process.cwd() so the build works from any directory.
const root = decodeURIComponent(new URL(".", import.meta.url).pathname);

const TENANT_PUBLIC = /^\/t\/\d{6}\/?(?:[?#].*)?$/;
const TENANT_CONSOLE = /^\/t\/\d{6}\/(?:login|console)(?:[/?#].*)?$/;
const TENANT_CITIZEN =
  /^\/t\/\d{6}\/(?:petition|track|reception|reception\/booking|reception\/appointment)\/?(?:[?#].*)?$/;
const TENANT_BOARD = /^\/t\/\d{6}\/reception\/board\/[^/?#]+\/?(?:[?#].*)?$/;

// In production the Worker maps /t/{tenant}/… onto public.html, citizen.html, board.html
// and console.html; the dev server mimics that mapping so the pages open at their real URLs.
function tenantPages(): Plugin {
  return {
    name: "lianxin-tenant-pages",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? "";
        if (TENANT_CONSOLE.test(url)) req.url = "/console.html";
        else if (TENANT_BOARD.test(url)) req.url = "/board.html";
        else if (TENANT_CITIZEN.test(url)) req.url = "/citizen.html";
        else if (TENANT_PUBLIC.test(url)) req.url = "/public.html";
        next();
      });
    },
  };
}

// The Web Push service worker must sit at the site root (its scope is its directory), so it
// is copied to dist/sw.js as it is, not hashed into assets/.
function serviceWorker(): Plugin {
  const file = `${root}sw.js`;
  return {
    name: "lianxin-service-worker",
    configureServer(server) {
      server.middlewares.use("/sw.js", (_req, res) => {
        res.setHeader("content-type", "text/javascript; charset=utf-8");
        res.end(readFileSync(file, "utf8"));
      });
    },
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "sw.js", source: readFileSync(file, "utf8") });
    },
  };
}

export default defineConfig({
  root,
  base: "/",
  // Copied into dist as they are: `_headers` (security headers of the static files) and
  // vendored third-party files (Scalar for /api/docs).
  publicDir: `${root}public`,
  plugins: [preact(), tenantPages(), serviceWorker()],
  server: {
    // The Worker (wrangler dev) answers the API during local front-end work.
    proxy: { "/api": "http://127.0.0.1:8787" },
  },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    // County offices often run older Chromium-based browsers (360, QQ); es2020 covers them.
    target: "es2020",
    rollupOptions: {
      input: {
        index: `${root}index.html`,
        public: `${root}public.html`,
        console: `${root}console.html`,
        // Citizens' online petition and tracking: Preact only, kept under 60 KB gzipped.
        citizen: `${root}citizen.html`,
        // The reception-day display board: a TV in the waiting room, numbers only.
        board: `${root}board.html`,
      },
    },
  },
});
