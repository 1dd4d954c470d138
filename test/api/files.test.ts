import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { sweepOrphanedFiles } from "../../workers/domain/files/orphans.ts";
import { call, freshIp } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";
import { type FileReply, fileBytes, sha256, upload } from "../support/files.ts";
import { humanCheck } from "../support/human-check.ts";

let county: TestCounty;
let caseId: string;

const objectsOf = async (petitionId: string) =>
  (await env.FILES.list({ prefix: `${county.code}/${petitionId}/` })).objects.length;
const listFiles = (petitionId: string, token = county.people.clerk.token) =>
  call<{ items: FileReply[] }>(`/api/v1/t/${county.code}/petitions/${petitionId}/files`, {
    token,
  });
const setLimits = (body: Record<string, unknown>) =>
  call(`/api/v1/t/${county.code}/settings/files`, {
    method: "PUT",
    token: county.adminToken,
    body,
  });

beforeAll(async () => {
  county = await setUpCounty("431222", "沅陵县");
  caseId = (await register(county, county.people.clerk.token)).body.id;
});

describe("attaching evidence", () => {
  it("streams a file to R2 with its digest, type by content, and step", async () => {
    const bytes = fileBytes("pdf", 300_000);
    const reply = await upload(
      county.code,
      county.people.clerk.token,
      caseId,
      "来信扫描件.pdf",
      bytes,
      {
        step: "registration",
      },
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      name: "来信扫描件.pdf",
      contentType: "application/pdf",
      size: 300_000,
      sha256: await sha256(bytes),
      step: "registration",
      withdrawn: null,
    });
    const object = await env.FILES.get(`${county.code}/${caseId}/${reply.body.id}`);
    expect(object?.size).toBe(300_000);
    await object?.body.cancel();

    const download = await call(
      `/api/v1/t/${county.code}/petitions/${caseId}/files/${reply.body.id}`,
      { token: county.people.clerk.token },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent("来信扫描件.pdf")}`,
    );
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("takes the type from the content, not the client's claim", async () => {
    const reply = await upload(
      county.code,
      county.people.clerk.token,
      caseId,
      "现场.png",
      fileBytes("png"),
      {
        headers: { "content-type": "application/pdf" },
      },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.contentType).toBe("image/png");
    const inline = await call(
      `/api/v1/t/${county.code}/petitions/${caseId}/files/${reply.body.id}?disposition=inline`,
      { token: county.people.clerk.token },
    );
    expect(inline.headers.get("content-disposition")).toMatch(/^inline;/);
  });

  it("accepts an Office document only when the zip carries Office parts", async () => {
    const docx = await upload(
      county.code,
      county.people.clerk.token,
      caseId,
      "合同.docx",
      fileBytes("docx"),
    );
    expect(docx.status).toBe(201);
    expect(docx.body.contentType).toMatch(/wordprocessingml/);
    const zip = await upload(
      county.code,
      county.people.clerk.token,
      caseId,
      "合同.docx",
      fileBytes("zip"),
    );
    expect(zip.status).toBe(415);
  });

  it("refuses an executable named .pdf, in plain Chinese, and stores nothing", async () => {
    const before = await objectsOf(caseId);
    const reply = await upload(
      county.code,
      county.people.clerk.token,
      caseId,
      "判决书.pdf",
      fileBytes("exe"),
    );
    expect(reply.status).toBe(415);
    expect(reply.body.error?.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(reply.body.error?.message).toContain("不是允许的文件类型");
    expect(await objectsOf(caseId)).toBe(before);
    // A PDF named .exe is refused too: name and content must agree.
    const renamed = await upload(
      county.code,
      county.people.clerk.token,
      caseId,
      "a.exe",
      fileBytes("pdf"),
    );
    expect(renamed.status).toBe(415);
  });

  it("refuses a file over the county's size limit before reading it", async () => {
    expect((await setLimits({ maxFileBytes: 64 * 1024 })).status).toBe(200);
    const reply = await upload(
      county.code,
      county.people.clerk.token,
      caseId,
      "大.pdf",
      fileBytes("pdf", 64 * 1024 + 1),
    );
    expect(reply.status).toBe(413);
    expect(reply.body.error?.message).toBe("文件超过大小上限（每个文件不超过 64 KB）");
    await setLimits({ maxFileBytes: 20 * 1024 * 1024 });
  });

  it("refuses the file over the count limit; a withdrawn file frees its place but stays", async () => {
    const other = (await register(county, county.people.clerk.token)).body.id;
    expect((await setLimits({ maxFilesPerCase: 2 })).status).toBe(200);
    const first = await upload(
      county.code,
      county.people.clerk.token,
      other,
      "1.pdf",
      fileBytes("pdf"),
    );
    const second = await upload(
      county.code,
      county.people.clerk.token,
      other,
      "2.pdf",
      fileBytes("pdf"),
    );
    expect([first.status, second.status]).toEqual([201, 201]);
    const third = await upload(
      county.code,
      county.people.clerk.token,
      other,
      "3.pdf",
      fileBytes("pdf"),
    );
    expect(third.status).toBe(409);
    expect(third.body.error?.message).toContain("已达上限（2 个文件）");
    expect(await objectsOf(other)).toBe(2);

    const withdrawn = await call<FileReply>(
      `/api/v1/t/${county.code}/petitions/${other}/files/${first.body.id}/withdraw`,
      { token: county.people.clerk.token, body: { reason: "重复上传" } },
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawn).toMatchObject({ reason: "重复上传" });
    const again = await call(
      `/api/v1/t/${county.code}/petitions/${other}/files/${first.body.id}/withdraw`,
      { token: county.people.clerk.token, body: { reason: "重复上传" } },
    );
    expect(again.status).toBe(409);
    // Still on record and readable.
    const list = await listFiles(other);
    expect(list.body.items.map((f) => [f.name, f.withdrawn?.reason ?? null])).toEqual([
      ["1.pdf", "重复上传"],
      ["2.pdf", null],
    ]);
    const read = await call(`/api/v1/t/${county.code}/petitions/${other}/files/${first.body.id}`, {
      token: county.people.clerk.token,
    });
    expect(read.status).toBe(200);
    expect(
      (await upload(county.code, county.people.clerk.token, other, "3.pdf", fileBytes("pdf")))
        .status,
    ).toBe(201);

    const audit = await env.TENANT_DB_1.prepare(
      "SELECT action FROM audit_log WHERE tenant_id = ? AND target_id = ?",
    )
      .bind(county.code, other)
      .all<{ action: string }>();
    const actions = audit.results.map((e) => e.action);
    expect(actions.filter((a) => a === "file.attach").length).toBeGreaterThanOrEqual(3);
    expect(actions).toContain("file.withdraw");
    await setLimits({ maxFilesPerCase: 20 });
  });

  it("leaves nothing when the upload breaks off or ends short of its declared size", async () => {
    const victim = (await register(county, county.people.clerk.token)).body.id;
    const head = fileBytes("pdf", 8192);
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
      },
      pull(controller) {
        controller.error(new Error("connection lost"));
      },
    });
    const cut = await upload(county.code, county.people.clerk.token, victim, "断.pdf", broken, {
      headers: { "content-length": "100000" },
    });
    expect(cut.status).toBeGreaterThanOrEqual(400);
    expect(cut.status).toBeLessThan(500);
    const short = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
        controller.close();
      },
    });
    const shortReply = await upload(
      county.code,
      county.people.clerk.token,
      victim,
      "短.pdf",
      short,
      {
        headers: { "content-length": "100000" },
      },
    );
    expect(shortReply.status).toBe(400);
    expect(shortReply.body.error?.message).toContain("上传未完成");
    expect(await objectsOf(victim)).toBe(0);
    expect((await listFiles(victim)).body.items).toEqual([]);
  });

  it("lets a viewer read but not attach", async () => {
    const reply = await upload(county.code, county.adminToken, caseId, "x.pdf", fileBytes("pdf"));
    expect(reply.status).toBe(403);
  });
});

describe("thumbnails", () => {
  const put = (petitionId: string, fileId: string, body: Uint8Array, type = "image/jpeg") =>
    call<FileReply & { thumbnail: boolean }>(
      `/api/v1/t/${county.code}/petitions/${petitionId}/files/${fileId}/thumbnail`,
      {
        method: "PUT",
        token: county.people.clerk.token,
        rawBody: body,
        headers: { "content-type": type },
      },
    );

  it("stores the browser's thumbnail of an image once, checked by content and size", async () => {
    const clerk = county.people.clerk.token;
    const id = (await register(county, clerk)).body.id;
    const photo = await upload(county.code, clerk, id, "现场.png", fileBytes("png", 50_000));
    const pdf = await upload(county.code, clerk, id, "合同.pdf", fileBytes("pdf"));
    expect((await put(id, pdf.body.id, fileBytes("jpeg"))).status).toBe(409);
    const big = await put(id, photo.body.id, fileBytes("jpeg", 70_000));
    expect(big.status).toBe(413);
    expect(big.body.error?.message).toContain("缩略图超过大小上限");
    const wrong = await put(id, photo.body.id, fileBytes("pdf"), "image/jpeg");
    expect(wrong.status).toBe(415);
    expect(await objectsOf(id)).toBe(2);

    const thumb = fileBytes("jpeg", 4000);
    const stored = await put(id, photo.body.id, thumb);
    expect(stored.status).toBe(200);
    expect(stored.body.thumbnail).toBe(true);
    expect((await put(id, photo.body.id, thumb)).status).toBe(409);
    const listed = await listFiles(id);
    expect(
      listed.body.items.map((f) => [f.name, (f as { thumbnail?: boolean }).thumbnail]),
    ).toEqual([
      ["现场.png", true],
      ["合同.pdf", false],
    ]);
    const read = await call<{ text: string }>(
      `/api/v1/t/${county.code}/petitions/${id}/files/${photo.body.id}/thumbnail`,
      { token: county.people.supervisor.token },
    );
    expect(read.status).toBe(200);
    expect(read.headers.get("content-type")).toBe("image/jpeg");
    expect(read.headers.get("content-length")).toBe("4000");
    // The sweep for orphaned objects keeps a thumbnail its file's row names.
    await sweepOrphanedFiles(env, new Date(Date.now() + 3 * 86_400_000), county.code, 1000);
    expect(await objectsOf(id)).toBe(3);
    await env.TENANT_DB_1.prepare("DELETE FROM file_sweeps").run();
  });
});

describe("printed documents", () => {
  it("list the case's files as 附件, leaving out withdrawn ones", async () => {
    const clerk = county.people.clerk.token;
    const id = (await register(county, clerk)).body.id;
    const kept = await upload(county.code, clerk, id, "劳动合同.pdf", fileBytes("pdf"));
    const gone = await upload(county.code, clerk, id, "错传.png", fileBytes("png"));
    expect(kept.status).toBe(201);
    const withdrawn = await call(
      `/api/v1/t/${county.code}/petitions/${id}/files/${gone.body.id}/withdraw`,
      { token: clerk, body: { reason: "传错了" } },
    );
    expect(withdrawn.status).toBe(200);
    const doc = await call<{ attachments: { name: string; size: number }[] }>(
      `/api/v1/t/${county.code}/petitions/${id}/documents`,
      { token: clerk, body: { kind: "register_form" } },
    );
    expect(doc.status).toBe(200);
    expect(doc.body.attachments).toEqual([{ name: "劳动合同.pdf", size: 2048 }]);
  });
});

describe("orphaned objects", () => {
  it("removes old objects no row names, page by page, and never one a row names", async () => {
    const clerk = county.people.clerk.token;
    const id = (await register(county, clerk)).body.id;
    const kept = await upload(county.code, clerk, id, "收据.pdf", fileBytes("pdf"));
    expect(kept.status).toBe(201);
    const strays = [1, 2, 3].map((n) => `${county.code}/${id}/${crypto.randomUUID()}-${n}`);
    for (const key of strays) await env.FILES.put(key, fileBytes("pdf"));
    const foreign = `${county.code}/readme.txt`;
    await env.FILES.put(foreign, "not a case file");
    const all = async () =>
      new Set((await env.FILES.list({ prefix: `${county.code}/` })).objects.map((o) => o.key));
    const named = await env.TENANT_DB_1.prepare("SELECT r2_key FROM case_files WHERE tenant_id = ?")
      .bind(county.code)
      .all<{ r2_key: string }>();

    // Young objects may be uploads in flight: a full pass now removes nothing.
    const now = await sweepOrphanedFiles(env, new Date(), county.code, 1000);
    expect(now).toMatchObject({ removed: 0, failed: 0 });
    for (const key of strays) expect((await all()).has(key)).toBe(true);
    // The next pass waits a day; then, three keys a run, it goes through the prefix.
    const later = new Date(Date.now() + 2 * 86_400_000);
    let removed = 0;
    for (let run = 0; run < 50; run += 1) {
      const report = await sweepOrphanedFiles(env, later, county.code, 3);
      expect(report.failed).toBe(0);
      expect(report.listed).toBeLessThanOrEqual(3);
      removed += report.removed;
      const sweep = await env.TENANT_DB_1.prepare(
        "SELECT cursor FROM file_sweeps WHERE tenant_id = ?",
      )
        .bind(county.code)
        .first<{ cursor: string | null }>();
      if (!sweep?.cursor) break;
    }
    expect(removed).toBe(3);
    const left = await all();
    for (const key of strays) expect(left.has(key)).toBe(false);
    for (const { r2_key } of named.results) expect(left.has(r2_key)).toBe(true);
    expect(left.has(foreign)).toBe(true);
    const audit = await env.TENANT_DB_1.prepare(
      "SELECT detail FROM audit_log WHERE tenant_id = ? AND action = 'file.orphans_removed'",
    )
      .bind(county.code)
      .all<{ detail: string }>();
    expect(audit.results.flatMap((r) => JSON.parse(r.detail).keys).sort()).toEqual(strays.sort());
  });
});

describe("a petitioner online", () => {
  it("attaches photos and PDFs with the submit's upload token, nothing else", async () => {
    const submitted = await call<{ trackingCode: string; uploadToken: string }>(
      `/api/v1/t/${county.code}/public/petitions`,
      {
        ip: freshIp(),
        body: {
          altcha: await humanCheck(county),
          purpose: "request",
          categoryCode: "06.02",
          petitioner: { name: "李四", phone: "13900001111" },
          facts: "工地拖欠工资。",
          demands: "请求支付。",
        },
      },
    );
    expect(submitted.status).toBe(201);
    const { trackingCode, uploadToken } = submitted.body;
    const send = (name: string, body: Uint8Array, token = uploadToken) =>
      call<FileReply>(
        `/api/v1/t/${county.code}/public/petitions/${trackingCode}/files?name=${encodeURIComponent(name)}`,
        { rawBody: body, ip: freshIp(), headers: { "x-upload-token": token } },
      );
    const photo = await send("欠条.jpg", fileBytes("jpeg"));
    expect(photo.status).toBe(201);
    expect(photo.body).toEqual({ name: "欠条.jpg", size: 2048, contentType: "image/jpeg" });
    expect((await send("合同.docx", fileBytes("docx"))).status).toBe(415);
    const forged = await send("欠条.jpg", fileBytes("jpeg"), `${Date.now() + 1000}.00`);
    expect(forged.status).toBe(404);
    expect(forged.body.error?.message).not.toMatch(/[a-z]{4,}/);
  });
});
