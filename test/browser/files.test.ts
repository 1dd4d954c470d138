import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  openNewCase,
  overflowsHorizontally,
  PHONE,
  signIn,
  T,
  until,
  useProduct,
} from "./harness.ts";

const product = useProduct();

/** A real 8×8 PNG, so the browser can draw the case page's scaled-down image. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header[8] = 8;
  header[9] = 2;
  const rows = Buffer.alloc(8 * (1 + 8 * 3));
  for (let y = 0; y < 8; y += 1) for (let x = 0; x < 8; x += 1) rows[y * 25 + 1 + x * 3] = 200;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("case files in Chromium", () => {
  it("uploads, shows, refuses a disguised file and withdraws, on a phone", async () => {
    const page = await product.browser.newPage(PHONE);
    await signIn(product, page, "clerk");
    const _id = await openNewCase(
      product,
      page,
      { name: "田小英", phone: "13907451111" },
      "工地拖欠工资两个月。",
      "请求支付工资。",
    );
    const section = page.getByTestId("case-files");
    await until(() => section.textContent()).toContain("尚无材料");

    await page
      .getByLabel("选择文件")
      .setInputFiles([{ name: "欠条照片.png", mimeType: "image/png", buffer: png() }]);
    await page.getByRole("button", { name: "上传", exact: true }).click();
    await until(() => section.getByRole("link", { name: "欠条照片.png" }).count()).toBe(1);
    // The browser drew the thumbnail at upload; the page shows it, not the image itself.
    const thumb = section.getByTestId("file-thumbnail");
    await until(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(8);
    expect(await thumb.getAttribute("src")).toMatch(/\/thumbnail$/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/case-files-phone.png`, fullPage: true });

    await page.getByLabel("选择文件").setInputFiles([
      {
        name: "判决书.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("MZ\x90\x00not a pdf"),
      },
    ]);
    await page.getByRole("button", { name: "上传", exact: true }).click();
    await until(() => section.getByRole("alert").textContent()).toContain("不是允许的文件类型");

    await section.getByRole("button", { name: /^撤回\s*欠条照片\.png$/ }).click();
    await page.getByLabel("撤回“欠条照片.png”的理由").fill("上传错误");
    await page.getByRole("button", { name: "确认撤回" }).click();
    await until(() => section.textContent()).toContain("已撤回（上传错误");
    await page.close();
  });
});

describe("a citizen's evidence in Chromium", () => {
  it("adds a photo to the petition just submitted online, on a phone", async () => {
    const citizen = await product.browser.newPage(PHONE);
    await citizen.goto(`${product.stack.url}/t/${T}/petition`);
    await until(() => citizen.locator("h1").textContent()).toBe("网上信访");
    await citizen.getByLabel("求决", { exact: true }).check();
    const category = citizen.getByRole("combobox", { name: "事项类别" });
    await category.fill("工资");
    await until(() => citizen.getByRole("option").count()).toBeGreaterThan(0);
    await category.press("Enter");
    await citizen.getByLabel("姓名", { exact: true }).fill("杨秀英");
    await citizen.getByLabel("手机号码").fill("13907453333");
    await citizen.getByLabel("事实真相").fill("在县城工地务工两个月，工资一直未结清。");
    await citizen.getByLabel("诉求与理由").fill("请求督促支付工资。");
    await citizen.getByRole("button", { name: "提交", exact: true }).click();
    await until(() => citizen.getByTestId("tracking-code").count()).toBe(1);

    await citizen
      .getByLabel("照片或 PDF 文件")
      .setInputFiles([{ name: "欠条.png", mimeType: "image/png", buffer: png() }]);
    await citizen.getByRole("button", { name: "上传", exact: true }).click();
    await until(() => citizen.locator("main").textContent()).toContain("已上传：欠条.png");
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({ path: `${ARTIFACTS}/citizen-files-phone.png`, fullPage: true });
    await citizen.close();
  });
});

describe("search in Chromium", () => {
  it("finds a case by a two-character word and by the phone, and opens a work list", async () => {
    const page = await product.browser.newPage(PHONE);
    await signIn(product, page, "clerk");
    await page.evaluate(async (tenant) => {
      await fetch(`/api/v1/t/${tenant}/petitions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          channel: "visit",
          purpose: "request",
          categoryCode: "11.01",
          receivedAt: new Date().toISOString(),
          petitioner: { name: "龙飞", phone: "13907452222" },
          facts: "村口桥梁垮塌，学生上学绕行。",
          demands: "请求尽快修复桥梁。",
        }),
      });
    }, T);
    await page.goto(`${product.stack.url}/t/${T}/console/search`);
    await page.getByLabel("查询码、信访人姓名、手机号、身份证号，或事项内容").fill("桥梁");
    await page.getByRole("button", { name: "查找", exact: true }).click();
    const results = page.getByRole("list", { name: "查找结果" });
    await until(() => results.locator("li").count()).toBe(1);
    expect(await results.textContent()).toContain("按内容找到");
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/search-phone.png`, fullPage: true });

    await page.getByLabel("查询码、信访人姓名、手机号、身份证号，或事项内容").fill("13907452222");
    await page.getByRole("button", { name: "查找", exact: true }).click();
    await until(() => results.textContent()).toContain("按手机号找到");

    await page.getByRole("button", { name: "即将到期" }).click();
    await until(() => page.getByTestId("search-count").count()).toBe(1);
    expect(await page.getByRole("button", { name: "即将到期" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    await page.close();
  });
});
