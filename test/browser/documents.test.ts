import { describe, expect, it } from "vitest";
import { DESKTOP, signIn, T, until, useProduct } from "./harness.ts";

const product = useProduct();

const KINDS = {
  acceptance_notice: "信访事项受理告知书",
  decline_notice: "信访事项不予受理告知书",
  assignment_slip: "信访事项交办单",
  supervision_letter: "信访事项督办函",
  handling_opinion: "信访处理意见书",
  register_form: "信访事项登记表",
} as const;

describe("printed documents in Chromium", () => {
  it("print each document of a case on one A4 page, in Chinese, with its number and no navigation", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, locale: "zh-CN" });
    await signIn(product, page, "clerk");
    const first = await page.evaluate(async (tenant) => {
      const res = await fetch(`/api/v1/t/${tenant}/petitions?limit=1`);
      const body = (await res.json()) as { items: { id: string }[] };
      return body.items[0]?.id ?? "";
    }, T);
    expect(first).not.toBe("");
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    for (const [kind, title] of Object.entries(KINDS)) {
      await page.goto(`${product.stack.url}/t/${T}/console/petitions/${first}/print/${kind}`);
      await until(() => page.getByRole("heading", { name: title, level: 1 }).count()).toBe(1);
      const text = (await page.locator(".print-doc").textContent()) ?? "";
      expect(text).toMatch(new RegExp(`溆浦县信访局〔${year}〕\\d+号`));
      await page.emulateMedia({ media: "print" });
      expect(await page.getByRole("navigation", { name: "主导航" }).isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "打印" }).isVisible()).toBe(false);
      const pdf = await page.pdf({ format: "A4", printBackground: false });
      const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
      expect(pages.length, kind).toBe(1);
      await page.emulateMedia({ media: "screen" });
    }
    await page.close();
  });
});
