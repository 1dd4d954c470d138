import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, freshIp } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";
import { type FileReply, fileBytes, upload } from "../support/files.ts";
import { humanCheck } from "../support/human-check.ts";

let county: TestCounty;
let neighbour: TestCounty;
let ordinary: { id: string; file: string };
let accusation: { id: string; file: string };

const path = (c: TestCounty, petitionId: string, rest = "") =>
  `/api/v1/t/${c.code}/petitions/${petitionId}/files${rest}`;

beforeAll(async () => {
  county = await setUpCounty("431222", "沅陵县");
  neighbour = await setUpCounty("431223", "辰溪县");
  const plain = (await register(county, county.people.clerk.token)).body.id;
  const plainFile = await upload(
    county.code,
    county.people.clerk.token,
    plain,
    "欠条.pdf",
    fileBytes("pdf"),
  );
  ordinary = { id: plain, file: plainFile.body.id };
  const secret = (
    await register(county, county.people.clerk.token, {
      purpose: "accusation",
      categoryCode: "04.02",
      subjectUnitId: county.township,
      petitioner: { name: "举报人乙", phone: "13700004321" },
      facts: "镇干部收受贿赂。",
      demands: "请求查处。",
    })
  ).body.id;
  const secretFile = await upload(
    county.code,
    county.people.clerk.token,
    secret,
    "转账记录.png",
    fileBytes("png"),
  );
  expect(secretFile.status).toBe(201);
  accusation = { id: secret, file: secretFile.body.id };
  const thumb = await putThumb(county, county.people.clerk.token, secret, secretFile.body.id);
  expect(thumb.status).toBe(200);
});

const putThumb = (c: TestCounty, token: string, petitionId: string, fileId: string) =>
  call(path(c, petitionId, `/${fileId}/thumbnail`), {
    method: "PUT",
    token,
    rawBody: fileBytes("jpeg", 3000),
    headers: { "content-type": "image/jpeg" },
  });

describe("thumbnails", () => {
  it("follow the file's rule: the accused unit and another county get 404 both ways", async () => {
    for (const [c, token] of [
      [county, county.people.townClerk.token],
      [county, county.people.townLeader.token],
      [neighbour, neighbour.people.clerk.token],
    ] as const) {
      const read = await call(path(c, accusation.id, `/${accusation.file}/thumbnail`), { token });
      expect(read.status).toBe(404);
      expect(JSON.stringify(read.body)).not.toContain("转账记录");
      const put = await putThumb(c, token, accusation.id, accusation.file);
      expect(put.status).toBe(404);
    }
    const office = await call(path(county, accusation.id, `/${accusation.file}/thumbnail`), {
      token: county.people.clerk.token,
    });
    expect(office.status).toBe(200);
    expect(office.headers.get("content-type")).toBe("image/jpeg");
    const audited = await env.TENANT_DB_1.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'file.read_confidential' AND target_id = ?",
    )
      .bind(county.code, accusation.id)
      .first<{ n: number }>();
    expect(audited?.n).toBeGreaterThanOrEqual(1);
  });
});

describe("another county", () => {
  it("gets 404 for every file route of a case it does not hold", async () => {
    const token = neighbour.people.clerk.token;
    const probes = [
      await call(path(neighbour, ordinary.id), { token }),
      await call(path(neighbour, ordinary.id, `/${ordinary.file}`), { token }),
      await call(path(neighbour, ordinary.id, `/${ordinary.file}/withdraw`), {
        token,
        body: { reason: "试探" },
      }),
      await upload(neighbour.code, token, ordinary.id, "x.pdf", fileBytes("pdf")),
    ];
    expect(probes.map((p) => p.status)).toEqual([404, 404, 404, 404]);
    // Its own tenant path with the other county's token: not signed in there.
    const crossed = await call(path(county, ordinary.id, `/${ordinary.file}`), { token });
    expect([401, 404]).toContain(crossed.status);
    expect((await env.FILES.list({ prefix: `${neighbour.code}/` })).objects.length).toBe(0);
  });
});

describe("the accused unit", () => {
  it("cannot list, read, withdraw or add to a confidential case's files", async () => {
    for (const person of [county.people.townClerk, county.people.townLeader]) {
      const token = person.token;
      const list = await call(path(county, accusation.id), { token });
      const read = await call(path(county, accusation.id, `/${accusation.file}`), { token });
      const inline = await call(
        path(county, accusation.id, `/${accusation.file}?disposition=inline`),
        { token },
      );
      const withdraw = await call(path(county, accusation.id, `/${accusation.file}/withdraw`), {
        token,
        body: { reason: "不实" },
      });
      const add = await upload(county.code, token, accusation.id, "申辩.pdf", fileBytes("pdf"));
      expect([list, read, inline, withdraw, add].map((r) => r.status)).toEqual([
        404, 404, 404, 404, 404,
      ]);
      // The 404 is the same as for a file that does not exist.
      const missing = await call(path(county, accusation.id, `/${crypto.randomUUID()}`), { token });
      expect(read.body).toMatchObject({ error: { code: "NOT_FOUND" } });
      expect((missing.body as { error: { message: string } }).error.message).toBe(
        (read.body as { error: { message: string } }).error.message,
      );
    }
    const stillOne = await call<{ items: FileReply[] }>(path(county, accusation.id), {
      token: county.people.clerk.token,
    });
    expect(stillOne.body.items.map((f) => f.withdrawn)).toEqual([null]);
  });

  it("cannot reach it through a file id moved onto a case it can see", async () => {
    const token = county.people.townClerk.token;
    const own = (await register(county, token)).body.id;
    const read = await call(path(county, own, `/${accusation.file}`), { token });
    expect(read.status).toBe(404);
  });

  it("leaves an audit entry whenever the county office reads a confidential file", async () => {
    const read = await call(path(county, accusation.id, `/${accusation.file}`), {
      token: county.people.clerk.token,
    });
    expect(read.status).toBe(200);
    const entries = await env.TENANT_DB_1.prepare(
      "SELECT actor_id FROM audit_log WHERE tenant_id = ? AND action = 'file.read_confidential' AND target_id = ?",
    )
      .bind(county.code, accusation.id)
      .all<{ actor_id: string }>();
    expect(entries.results.map((e) => e.actor_id)).toContain(county.people.clerk.id);
  });

  it("loses sight of the files of a case someone recused from", async () => {
    const token = county.people.supervisor.token;
    expect((await call(path(county, ordinary.id), { token })).status).toBe(200);
    const recused = await call(`/api/v1/t/${county.code}/petitions/${ordinary.id}/recusals`, {
      token,
      body: { reason: "与信访人系亲属" },
    });
    expect(recused.status).toBe(201);
    expect((await call(path(county, ordinary.id), { token })).status).toBe(404);
    expect((await call(path(county, ordinary.id, `/${ordinary.file}`), { token })).status).toBe(
      404,
    );
  });
});

describe("a petitioner's upload token", () => {
  it("opens only the case it was given for", async () => {
    const submit = async () =>
      (
        await call<{ trackingCode: string; uploadToken: string }>(
          `/api/v1/t/${county.code}/public/petitions`,
          {
            ip: freshIp(),
            body: {
              altcha: await humanCheck(county),
              purpose: "request",
              categoryCode: "06.02",
              petitioner: { name: "张三", phone: "13900002222" },
              facts: "拖欠工资。",
              demands: "支付工资。",
            },
          },
        )
      ).body;
    const mine = await submit();
    const theirs = await submit();
    const reply = await call(
      `/api/v1/t/${county.code}/public/petitions/${theirs.trackingCode}/files?name=a.pdf`,
      { rawBody: fileBytes("pdf"), ip: freshIp(), headers: { "x-upload-token": mine.uploadToken } },
    );
    expect(reply.status).toBe(404);
    const neighbourly = await call(
      `/api/v1/t/${neighbour.code}/public/petitions/${mine.trackingCode}/files?name=a.pdf`,
      { rawBody: fileBytes("pdf"), ip: freshIp(), headers: { "x-upload-token": mine.uploadToken } },
    );
    expect(neighbourly.status).toBe(404);
  });
});
