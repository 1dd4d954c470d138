import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { addStaff, onboard, type TestTenant } from "../support/tenants.ts";

/**
 * Probes by someone who can write the county's database file but holds no secret: they
 * delete, edit and re-link audit rows, and the verdict must name what they did.
 */

interface Verdict {
  intact: boolean;
  entries: number;
  brokenAt?: number;
  problem?: string;
  entryId?: string;
}

const verify = async (county: TestTenant) => {
  const reply = await call<Verdict>(`/api/v1/t/${county.code}/audit/verify`, {
    token: county.adminToken,
  });
  expect(reply.status).toBe(200);
  return reply.body;
};

async function countyWithHistory(code: string) {
  const county = await onboard(code);
  for (let i = 0; i < 6; i += 1) {
    const made = await call(`/api/v1/t/${county.code}/units`, {
      token: county.adminToken,
      body: { name: `审计局${i}`, kind: "bureau" },
    });
    expect(made.status).toBe(201);
  }
  expect(await verify(county)).toMatchObject({ intact: true });
  return county;
}

const rows = async (county: TestTenant) =>
  (
    await env.TENANT_DB_1.prepare(
      "SELECT id, seq, prev_hash AS prevHash, hash, detail FROM audit_log WHERE tenant_id = ? ORDER BY seq",
    )
      .bind(county.code)
      .all<{ id: string; seq: number; prevHash: string; hash: string; detail: string | null }>()
  ).results;

async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("the audit chain, against someone who can edit the database", () => {
  it("reports the newest entries deleted as truncation", async () => {
    const county = await countyWithHistory("840001");
    const all = await rows(county);
    const cut = all.slice(-2);
    await env.TENANT_DB_1.prepare("DELETE FROM audit_log WHERE tenant_id = ? AND seq >= ?")
      .bind(county.code, cut[0]?.seq)
      .run();
    const verdict = await verify(county);
    expect(verdict).toMatchObject({
      intact: false,
      problem: "truncated",
      brokenAt: cut[0]?.seq,
      entries: all.length - 2,
    });
  });

  it("reports an entry deleted from the middle as a gap", async () => {
    const county = await countyWithHistory("840002");
    const all = await rows(county);
    const victim = all[3];
    await env.TENANT_DB_1.prepare("DELETE FROM audit_log WHERE id = ?").bind(victim?.id).run();
    expect(await verify(county)).toMatchObject({
      intact: false,
      problem: "gap",
      brokenAt: victim?.seq,
    });
  });

  it("names the entry rewritten, even when every later link is recomputed", async () => {
    const county = await countyWithHistory("840003");
    const all = await rows(county);
    const victim = all[2];
    if (!victim) throw new Error("no history");
    // Rewrite it, and re-link it and every later entry the way anyone without the
    // county's key could: an unkeyed hash over the same fields.
    let prev = victim.prevHash;
    for (const row of all.slice(2)) {
      const detail = row.id === victim.id ? '{"name":"forged"}' : row.detail;
      const hash = await sha256Hex(`${prev}\n${row.seq}\n${detail}`);
      await env.TENANT_DB_1.prepare(
        "UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?",
      )
        .bind(detail, prev, hash, row.id)
        .run();
      prev = hash;
    }
    expect(await verify(county)).toMatchObject({
      intact: false,
      problem: "rewritten",
      brokenAt: victim.seq,
      entryId: victim.id,
    });
  });

  it("reports a newest entry rewritten with its old MAC left in place", async () => {
    const county = await countyWithHistory("840004");
    const last = (await rows(county)).at(-1);
    await env.TENANT_DB_1.prepare("UPDATE audit_log SET action = 'unit.read' WHERE id = ?")
      .bind(last?.id)
      .run();
    expect(await verify(county)).toMatchObject({
      intact: false,
      problem: "rewritten",
      brokenAt: last?.seq,
      entryId: last?.id,
    });
  });

  it("reports entries added past the anchored head", async () => {
    const county = await countyWithHistory("840005");
    const last = (await rows(county)).at(-1);
    if (!last) throw new Error("no history");
    await env.TENANT_DB_1.prepare(
      `INSERT INTO audit_log (id, tenant_id, seq, at, actor_id, action, target_type, prev_hash, hash)
       VALUES (?, ?, ?, ?, NULL, 'unit.create', 'unit', ?, ?)`,
    )
      .bind(crypto.randomUUID(), county.code, last.seq + 1, Date.now(), last.hash, "0".repeat(64))
      .run();
    expect(await verify(county)).toMatchObject({ intact: false, brokenAt: last.seq + 1 });
  });

  it("stays intact when writes fail after taking their place", async () => {
    const county = await countyWithHistory("840006");
    // The same username eight times at once: one is created, the others are refused, some
    // only when their batch fails on the unique index, after the chain gave them a place.
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(`/api/v1/t/${county.code}/staff`, {
          token: county.adminToken,
          body: {
            username: "same-name",
            password: "staff-password-123",
            displayName: "同名",
            unitId: county.countyUnitId,
            roles: ["clerk"],
          },
        }),
      ),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(7);
    await addStaff(county, { username: "after", roles: ["clerk"] });
    expect(await verify(county)).toMatchObject({ intact: true });
  });
});
