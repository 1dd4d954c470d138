import { describe, expect, it } from "vitest";
import { DEMO_TENANT } from "../../workers/dev/demo-county.ts";
import { ARTIFACTS, DESKTOP, overflowsHorizontally, signIn, until, useProduct } from "./harness.ts";

const product = useProduct();

describe("the staff console in Chromium", () => {
  it("signs the demo administrator in, shows who they are and manages staff", async () => {
    const page = await product.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(product, page, "admin");
    await expect.poll(() => page.getByTestId("whoami").textContent()).toContain("系统管理员");
    await page.screenshot({ path: `${ARTIFACTS}/console-desktop.png`, fullPage: true });

    await page.getByRole("link", { name: "人员管理" }).click();
    await expect.poll(() => page.getByText("李娜").count()).toBeGreaterThan(0);
    await page.getByRole("link", { name: "单位管理" }).click();
    await expect.poll(() => page.getByText("卢峰镇").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/units-desktop.png`, fullPage: true });

    await page.getByRole("button", { name: "退出登录" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/t/${DEMO_TENANT.code}/login`);
    const me = await page.evaluate(async () => (await fetch("/api/v1/auth/me")).status);
    expect(me).toBe(401);
    await page.close();
  });

  it("refuses a wrong password with a message", async () => {
    const page = await product.browser.newPage();
    await page.goto(`${product.stack.url}/t/${DEMO_TENANT.code}/login`);
    await page.getByLabel("用户名").fill("clerk");
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("用户名或密码错误");
    await page.close();
  });

  it("hides admin pages from a clerk and fits a 360-px phone", async () => {
    const page = await product.browser.newPage({
      viewport: { width: 360, height: 740 },
      isMobile: true,
    });
    await signIn(product, page, "clerk");
    await expect.poll(() => page.getByTestId("whoami").textContent()).toContain("李娜");
    expect(await page.getByRole("link", { name: "人员管理" }).count()).toBe(0);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/console-phone.png`, fullPage: true });
    await page.close();
  });

  it("shows the API reference with nothing but the product's own server", async () => {
    const page = await product.browser.newPage(DESKTOP);
    const origin = new URL(product.stack.url).origin;
    const elsewhere: string[] = [];
    // A county intranet: every request off the product's origin fails, and is noted.
    await page.route(
      (url) => url.origin !== origin && url.protocol.startsWith("http"),
      (route) => {
        elsewhere.push(route.request().url());
        return route.abort();
      },
    );
    const fonts: string[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "font" && res.ok()) fonts.push(res.url());
    });
    await page.goto(`${product.stack.url}/api/docs`);
    await until(() => page.getByRole("heading", { name: "连心桥 Lianxin API" }).count()).toBe(1);
    await until(() => fonts.some((url) => url.endsWith("/vendor/scalar/inter.woff2"))).toBe(true);
    expect(elsewhere).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/api-docs.png` });
    await page.close();
  });

  it("shows the county's public page with its contact details on a phone", async () => {
    const page = await product.browser.newPage({
      viewport: { width: 360, height: 740 },
      isMobile: true,
    });
    const response = await page.goto(`${product.stack.url}/t/${DEMO_TENANT.code}`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator("h1").textContent()).toContain("溆浦县");
    await expect.poll(() => page.getByText("0745-3221234").count()).toBeGreaterThan(0);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/public-phone.png`, fullPage: true });

    const missing = await page.goto(`${product.stack.url}/t/999999`);
    expect(missing?.status()).toBe(404);
    // The page draws its answer after loading: wait for it, as axe checks it before moving on.
    await page.locator("h1").first().waitFor();
    // A path that matches no page gets the small page in Chinese, with its heading in a main.
    const nowhere = await page.goto(`${product.stack.url}/t/${DEMO_TENANT.code}/no-such-page`);
    expect(nowhere?.status()).toBe(404);
    expect(await page.getByRole("main").getByRole("heading").textContent()).toBe("页面不存在");
    await page.close();
  });
});
