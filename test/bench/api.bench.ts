import { afterAll, test } from "vitest";
import { DEMO_PASSWORD, DEMO_TENANT } from "../../workers/dev/demo-county.ts";
import { startTestStack } from "../browser/browser.ts";

// Latency of the API as a client sees it: HTTP into wrangler dev, workerd, local D1.
const stack = await startTestStack();
afterAll(() => stack.stop());

const login = await fetch(`${stack.url}/api/v1/auth/login`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ tenant: DEMO_TENANT.code, username: "admin", password: DEMO_PASSWORD }),
});
const { token } = (await login.json()) as { token: string };
const auth = { authorization: `Bearer ${token}` };

async function get(path: string) {
  const response = await fetch(`${stack.url}${path}`, { headers: auth });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  await response.arrayBuffer();
}

test("API latency on workerd (demo county: 30 units, 8 staff)", async ({ bench }) => {
  await bench.compare(
    bench("getMe", () => get("/api/v1/auth/me")),
    bench("listUnits", () => get(`/api/v1/t/${DEMO_TENANT.code}/units`)),
    bench("listStaff", () => get(`/api/v1/t/${DEMO_TENANT.code}/staff`)),
    bench("listPetitions (decrypts each petitioner)", () =>
      get(`/api/v1/t/${DEMO_TENANT.code}/petitions`),
    ),
    { time: 2000 },
  );
});
