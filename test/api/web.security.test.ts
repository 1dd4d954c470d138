import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReceptionSession } from "../../workers/reception/session-object.ts";
import { call } from "../support/client.ts";
import { setUpCounty, type TestCounty } from "../support/county.ts";
import { publishedSession } from "../support/reception.ts";

// Written as another web site would try to frame, script or ride the county's pages.

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431223", "芷江县");
});

describe("pages", () => {
  it("carry a policy of own scripts and styles only, no framing, no sniffing", async () => {
    for (const path of [`/t/${county.code}/`, `/t/${county.code}/console`, "/no/such/page"]) {
      const page = await call(path);
      const policy = page.headers.get("content-security-policy") ?? "";
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("connect-src 'self' wss://lianxin.test");
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\//);
      expect(page.headers.get("x-frame-options")).toBe("DENY");
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

describe("queue WebSockets", () => {
  it("open from the county's own pages and are refused from a foreign origin", async () => {
    const session = await publishedSession(county);
    const watch = `/api/v1/t/${county.code}/reception/sessions/${session.id}/queue/watch`;
    const own = await call(watch, {
      headers: { upgrade: "websocket", origin: "https://lianxin.test" },
    });
    expect(own.status).toBe(101);
    const foreign = await call<{ error?: { code: string } }>(watch, {
      headers: { upgrade: "websocket", origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.code).toBe("FORBIDDEN");
    const monitor = await call(`/api/v1/t/${county.code}/reception/monitor/watch`, {
      token: county.people.clerk.token,
      headers: { upgrade: "websocket", origin: "https://evil.example" },
    });
    expect(monitor.status).toBe(403);
  });

  it("close cleanly when a client drops without a status code", async () => {
    const session = await publishedSession(county);
    const stub = env.RECEPTION_SESSION.get(
      env.RECEPTION_SESSION.idFromName(`${county.code}:${session.id}`),
    );
    await runInDurableObject(stub, async (object: ReceptionSession) => {
      // The runtime reports such a close as 1005 (no code) or 1006 (dropped); echoing
      // either back is an error, so the object answers with a normal close.
      const onClose = object.webSocketClose.bind(object) as (
        ws: WebSocket,
        code: number,
        reason: string,
        wasClean: boolean,
      ) => Promise<void>;
      for (const code of [1005, 1006]) {
        const [, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
        server.accept();
        await expect(onClose(server, code, "", false)).resolves.toBeUndefined();
      }
    });
  });
});

describe("the county's public information", () => {
  it("takes only http(s) links", async () => {
    for (const link of ["javascript:alert(1)", "data:text/html,<script>1</script>", "ftp://x.cn"]) {
      const reply = await call(`/api/v1/t/${county.code}`, {
        method: "PATCH",
        token: county.adminToken,
        body: { contact: { website: link } },
      });
      expect(reply.status).toBe(400);
    }
    const ok = await call(`/api/v1/t/${county.code}`, {
      method: "PATCH",
      token: county.adminToken,
      body: { contact: { website: "http://10.12.0.5/xinfang" } },
    });
    expect(ok.status).toBe(200);
  });
});
