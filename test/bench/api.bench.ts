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

/**
 * The reception session's object is one writer: this measures how many check-ins and
 * state reads a single session takes per second, as a clerk's desk would send them.
 */
test("one reception session's desk under load", async ({ bench }) => {
  const t = `/api/v1/t/${DEMO_TENANT.code}`;
  const clerkLogin = await fetch(`${stack.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenant: DEMO_TENANT.code, username: "clerk", password: DEMO_PASSWORD }),
  });
  const clerk = {
    authorization: `Bearer ${((await clerkLogin.json()) as { token: string }).token}`,
  };
  const headers = { ...clerk, "content-type": "application/json" };
  const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const directory = (await (
    await fetch(`${stack.url}${t}/staff/directory`, { headers: clerk })
  ).json()) as {
    staff: { id: string; displayName: string }[];
  };
  const leader = directory.staff.find((s) => s.displayName === "王建国");
  const created = (await (
    await fetch(`${stack.url}${t}/reception/sessions`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        leaderId: leader?.id,
        date: day,
        startTime: "00:00",
        endTime: "23:30",
        venue: "基准测试",
        form: "fixed",
        slotMinutes: 30,
        capacityPerSlot: 1,
      }),
    })
  ).json()) as { sessions: { id: string }[] };
  const id = created.sessions[0]?.id;
  await fetch(`${stack.url}${t}/reception/sessions/publish`, {
    method: "POST",
    headers,
    body: JSON.stringify({ from: day, to: day }),
  });
  let n = 0;
  await bench.compare(
    bench("checkIn (walk-in)", async () => {
      n += 1;
      const response = await fetch(`${stack.url}${t}/reception/sessions/${id}/check-in`, {
        method: "POST",
        headers,
        body: JSON.stringify({ walkIn: { name: `基准${n}` } }),
      });
      if (!response.ok) throw new Error(`check-in: ${response.status}`);
      await response.arrayBuffer();
    }),
    bench("desk state", async () => {
      const response = await fetch(`${stack.url}${t}/reception/sessions/${id}/desk`, {
        headers: clerk,
      });
      if (!response.ok) throw new Error(`desk: ${response.status}`);
      await response.arrayBuffer();
    }),
    { time: 2000 },
  );
});
