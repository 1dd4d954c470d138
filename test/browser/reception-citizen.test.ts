import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  DESKTOP,
  overflowsHorizontally,
  PHONE,
  signIn,
  T,
  until,
  useProduct,
} from "./harness.ts";

const product = useProduct();

/** A staff call from inside a signed-in page: same origin, the session cookie. */
async function staffCall<R>(page: Page, method: string, path: string, body?: unknown): Promise<R> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return res.json();
    },
    { method, path, body },
  ) as Promise<R>;
}

const cstNow = () => new Date(Date.now() + 8 * 3600_000);

describe("reception for the citizen in Chromium", () => {
  it("links booking and the next sessions on the county page, and offers only bookable slots", async () => {
    // The county's public page: the next sessions and the way to book, on a 360-px phone.
    const visitor = await product.browser.newPage(PHONE);
    await visitor.goto(`${product.stack.url}/t/${T}`);
    const upcoming = visitor.getByTestId("upcoming-sessions");
    await until(() => upcoming.getByTestId("upcoming-session").count()).toBeGreaterThan(0);
    expect(await upcoming.getByRole("link", { name: "预约接访" }).getAttribute("href")).toBe(
      `/t/${T}/reception`,
    );
    expect(await visitor.getByRole("link", { name: "我的接访预约" }).count()).toBe(1);
    expect(await overflowsHorizontally(visitor)).toBe(false);
    await visitor.screenshot({ path: `${ARTIFACTS}/public-upcoming.png`, fullPage: true });

    // A session today from this hour on: the first slots fall inside the two-hour notice.
    const clerk = await product.browser.newPage(DESKTOP);
    await signIn(product, clerk, "clerk");
    const { sessions } = await staffCall<{ sessions: { leaderId: string }[] }>(
      clerk,
      "GET",
      `/t/${T}/reception/sessions`,
    );
    const leaderId = sessions[0]?.leaderId ?? "";
    const now = cstNow();
    const date = now.toISOString().slice(0, 10);
    const hour = now.getUTCHours();
    const start = `${String(hour).padStart(2, "0")}:00`;
    const end = hour >= 20 ? "23:30" : `${String(hour + 4).padStart(2, "0")}:00`;
    const venue = "县信访局三楼临时接待室";
    const created = await staffCall<{ sessions: { id: string }[] }>(
      clerk,
      "POST",
      `/t/${T}/reception/sessions`,
      {
        leaderId,
        date,
        startTime: start,
        endTime: end,
        venue,
        form: "fixed",
        slotMinutes: 30,
        capacityPerSlot: 2,
      },
    );
    const sessionId = created.sessions?.[0]?.id;
    expect(sessionId, JSON.stringify(created)).toBeTruthy();
    await staffCall(clerk, "POST", `/t/${T}/reception/sessions/publish`, { from: date, to: date });

    const citizen = await product.browser.newPage(PHONE);
    await citizen.goto(`${product.stack.url}/t/${T}/reception`);
    const card = citizen.getByTestId("session").filter({ hasText: venue });
    await until(() => card.count()).toBe(1);
    await card.getByRole("button", { name: /预约/ }).click();
    const closed = citizen.locator('[data-offer="closed"]');
    await until(() => closed.count()).toBeGreaterThan(0);
    // A slot inside the notice is text with its reason, never a button that fails on tap.
    expect(await closed.first().textContent()).toContain("预约已截止");
    expect(await citizen.locator('button[data-offer="closed"]').count()).toBe(0);
    expect(await citizen.locator('button[data-slot]:not([data-offer="open"])').count()).toBe(0);
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({ path: `${ARTIFACTS}/reception-slots-closed.png`, fullPage: true });

    // The desk prepares with the session's bookings (none yet), on a phone too.
    const deskPhone = await product.browser.newPage(PHONE);
    await signIn(product, deskPhone, "clerk");
    await deskPhone.goto(`${product.stack.url}/t/${T}/console/reception/${sessionId}`);
    const prep = deskPhone.getByTestId("session-bookings");
    await until(() => prep.textContent()).toContain("本场暂无预约");
    expect(await overflowsHorizontally(deskPhone)).toBe(false);
    await deskPhone.screenshot({ path: `${ARTIFACTS}/desk-bookings.png`, fullPage: true });
  });

  it("shows citizens errors in plain Chinese, without field names or request ids", async () => {
    const citizen = await product.browser.newPage(PHONE);
    await citizen.goto(`${product.stack.url}/t/${T}/reception/booking`);
    await citizen.getByLabel("预约码").fill("ABCDEFGH");
    await citizen.getByLabel("手机号后四位").fill("12a4");
    await citizen.getByRole("button", { name: "查询" }).click();
    const alert = citizen.getByRole("alert");
    await until(() => alert.count()).toBeGreaterThan(0);
    const text = (await alert.allTextContents()).join(" ");
    expect(text).toMatch(/\p{Script=Han}/u);
    expect(text).not.toContain("请求编号");
    expect(text).not.toMatch(/phoneLast4|bookingCode|[a-z]+[A-Z][a-z]+/);
    await citizen.screenshot({ path: `${ARTIFACTS}/citizen-error.png`, fullPage: true });
  });

  it("lets the administrator set the booking rules on a phone", async () => {
    const admin = await product.browser.newPage(PHONE);
    await signIn(product, admin, "admin");
    await admin.goto(`${product.stack.url}/t/${T}/console/reception-rules`);
    await until(() => admin.locator("h1").textContent()).toBe("接访规则");
    const notice = admin.getByLabel("最短提前预约时间（分钟）");
    await until(() => notice.inputValue()).toBe("120");
    await notice.fill("180");
    await admin.getByRole("button", { name: "保存" }).click();
    await until(() => admin.getByRole("status").first().textContent()).toContain("已保存");
    expect(await overflowsHorizontally(admin)).toBe(false);
    await admin.screenshot({ path: `${ARTIFACTS}/reception-rules.png`, fullPage: true });
    const settings = await staffCall<{ minimumNoticeMinutes: number }>(
      admin,
      "GET",
      `/t/${T}/settings/reception`,
    );
    expect(settings.minimumNoticeMinutes).toBe(180);
  });
});
