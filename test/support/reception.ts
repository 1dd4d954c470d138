import { env } from "cloudflare:test";
import { call, freshIp } from "./client.ts";
import type { TestCounty } from "./county.ts";
import { humanCheck } from "./human-check.ts";

export const tomorrowCst = (days = 1) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

export async function publishedSession(
  county: TestCounty,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; date: string }> {
  const date = (overrides.date as string | undefined) ?? tomorrowCst(2);
  const created = await call<{ sessions: { id: string; date: string }[] }>(
    `/api/v1/t/${county.code}/reception/sessions`,
    {
      token: county.people.clerk.token,
      body: {
        leaderId: county.people.leader.id,
        date,
        startTime: "08:30",
        endTime: "11:30",
        venue: "县信访局一楼接待大厅",
        form: "fixed",
        slotMinutes: 30,
        capacityPerSlot: 2,
        portfolio: "分管信访、政法",
        ...overrides,
      },
    },
  );
  if (created.status !== 201)
    throw new Error(`session: ${created.status} ${JSON.stringify(created.body)}`);
  const session = created.body.sessions[0];
  if (!session) throw new Error("no session");
  const published = await call(`/api/v1/t/${county.code}/reception/sessions/publish`, {
    token: county.people.clerk.token,
    body: { from: session.date, to: session.date },
  });
  if (published.status !== 200) throw new Error(`publish: ${published.status}`);
  return session;
}

/** Asks for a one-time code and reads it from the development outbox, as a tester would. */
export async function oneTimeCode(county: TestCounty, phone: string, ip?: string): Promise<string> {
  // Each look from its own address, so polling stays clear of the public rate limit.
  const outbox = async () =>
    (
      await call<{ items: { id: string; recipient: string; body: string }[] }>(
        `/api/v1/t/${county.code}/dev/outbox?limit=200`,
        { ip: freshIp() },
      )
    ).body.items;
  const seen = new Set((await outbox()).map((m) => m.id));
  const sent = await call(`/api/v1/t/${county.code}/public/booking-code`, {
    body: { phone, altcha: await humanCheck(county) },
    ...(ip && { ip }),
  });
  if (sent.status !== 202) throw new Error(`code: ${sent.status} ${JSON.stringify(sent.body)}`);
  for (let i = 0; i < 60; i += 1) {
    const message = (await outbox()).find((m) => m.recipient === phone && !seen.has(m.id));
    const code = message && /验证码是\s*(\d{6})/.exec(message.body)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  throw new Error(`no code for ${phone} in the outbox`);
}

export { env };
