import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../workers/dev/demo-county.ts";
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
const TV = { viewport: { width: 1280, height: 720 } } as const;

/** Three days ahead in China Standard Time: a day of its own for this file's sessions. */
function dayAhead(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The API as the clerk's script would use it: setting up what the test is not about. */
async function api<T>(path: string, token: string | null, body?: unknown, method?: string) {
  const res = await fetch(`${product.stack.url}/api/v1${path}`, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function token(username: string) {
  const reply = await api<{ token: string }>("/auth/login", null, {
    tenant: T,
    username,
    password: DEMO_PASSWORD,
  });
  return reply.token;
}

describe("joint reception in Chromium", () => {
  it("adds a desk, routes at the desk, and shows every desk and the hall on the boards", async () => {
    const date = dayAhead(3);
    const venue = "县信访局一楼联合接访大厅";
    const clerkToken = await token("clerk");
    const staff = await api<{ staff: { id: string; displayName: string }[] }>(
      `/t/${T}/staff/directory`,
      clerkToken,
    );
    const leaderId = staff.staff.find((s) => s.displayName === "王建国")?.id ?? "";
    const town = staff.staff.find((s) => s.displayName === "周杰");
    expect(town).toBeDefined();
    // Two sessions in one hall that day: a joint one, and another leader's.
    const make = async (startTime: string, endTime: string, leader: string) => {
      const created = await api<{ sessions: { id: string }[] }>(
        `/t/${T}/reception/sessions`,
        clerkToken,
        {
          leaderId: leader,
          date,
          startTime,
          endTime,
          venue,
          form: "joint",
          slotMinutes: 30,
          capacityPerSlot: 2,
        },
      );
      return created.sessions[0]?.id ?? "";
    };
    const jointId = await make("09:00", "11:00", leaderId);
    const otherId = await make("14:30", "16:30", town?.id ?? "");
    await api(`/t/${T}/reception/sessions/publish`, clerkToken, { from: date, to: date });

    // 1. The clerk makes it a joint reception: desk 2 is the township's leader.
    const clerk = await product.browser.newPage(DESKTOP);
    await signIn(product, clerk, "clerk");
    await clerk.goto(`${product.stack.url}/t/${T}/console/reception`);
    await until(() => clerk.locator("h1").textContent()).toBe("接访日");
    const row = clerk
      .getByTestId("schedule-session")
      .filter({ hasText: venue })
      .filter({ hasText: "09:00–11:00" });
    await until(() => row.count()).toBe(1);
    await row.getByRole("button", { name: /联合接访窗口/ }).click();
    const form = clerk.getByTestId("joint-desks-form");
    await form.getByRole("button", { name: "增加窗口" }).click();
    const option = form.locator("#desk-2 option", { hasText: "周杰" });
    await until(() => option.count()).toBe(1);
    await form.locator("#desk-2").selectOption((await option.getAttribute("value")) ?? "");
    await clerk.screenshot({ path: `${ARTIFACTS}/joint-desks-form.png`, fullPage: true });
    await form.getByRole("button", { name: "保存窗口" }).click();
    await until(() => row.getByRole("status").textContent()).toContain("2 号 周杰");

    // 2. Two citizens arrive at the office's desk; the desk sends the second to desk 2.
    const first = await api<{ number: number }>(
      `/t/${T}/reception/sessions/${jointId}/check-in`,
      clerkToken,
      { walkIn: { name: "现场甲", topic: "工资拖欠" } },
    );
    const second = await api<{ number: number }>(
      `/t/${T}/reception/sessions/${jointId}/check-in`,
      clerkToken,
      { walkIn: { name: "现场乙", topic: "宅基地纠纷" } },
    );
    await clerk.goto(`${product.stack.url}/t/${T}/console/reception/${jointId}`);
    const picker = clerk.getByTestId("desk-picker");
    await until(() => picker.count()).toBe(1);
    const waiting = clerk.getByTestId("desk-waiting");
    await until(() => waiting.locator("li").count()).toBe(2);
    const secondRow = waiting.locator("li").filter({ hasText: "宅基地纠纷" });
    await secondRow.locator(`#route-${second.number}`).selectOption("2");
    await secondRow.getByRole("button", { name: "分流" }).click();
    await until(() => waiting.locator("li").count()).toBe(1);
    await until(() => picker.locator('[data-desk="2"]').textContent()).toContain("等候 1 人");
    await clerk.screenshot({ path: `${ARTIFACTS}/joint-desk-routed.png`, fullPage: true });

    // 3. The screen switches to desk 2 and calls there; desk 1 calls its own.
    await clerk.getByLabel("本屏幕接待的窗口").selectOption("2");
    await until(() => waiting.locator("li").first().textContent()).toContain(`${second.number} 号`);
    await clerk.getByRole("button", { name: "叫号（下一位）" }).click();
    await until(() => clerk.getByTestId("desk-now").textContent()).toContain(`${second.number} 号`);
    await api(`/t/${T}/reception/sessions/${jointId}/call-next?desk=1`, clerkToken, {});

    // 4. The board shows each desk with whom it serves, on a TV and on a phone.
    for (const [name, size] of [
      ["tv", TV],
      ["phone", PHONE],
    ] as const) {
      const board = await product.browser.newPage(size);
      await board.goto(`${product.stack.url}/t/${T}/reception/board/${jointId}`);
      await until(() => board.getByTestId("board-desks").locator("li").count()).toBe(2);
      await until(() => board.getByTestId("board-desk-1-now").textContent()).toContain(
        `${first.number}`,
      );
      await until(() => board.getByTestId("board-desk-2-now").textContent()).toContain(
        `${second.number}`,
      );
      await until(() => board.getByTestId("board-desks").textContent()).toContain("周杰");
      if (name === "phone") expect(await overflowsHorizontally(board)).toBe(false);
      await board.screenshot({ path: `${ARTIFACTS}/joint-board-${name}.png`, fullPage: true });
      await board.close();
    }

    // 5. One board for the hall: both sessions of the day there, each live.
    for (const [name, size] of [
      ["tv", TV],
      ["phone", PHONE],
    ] as const) {
      const hall = await product.browser.newPage(size);
      await hall.goto(
        `${product.stack.url}/t/${T}/reception/hall?date=${date}&venue=${encodeURIComponent(venue)}`,
      );
      const panels = hall.getByTestId("hall-panel");
      await until(() => panels.count()).toBe(2);
      expect(await hall.locator(`[data-session="${otherId}"]`).count()).toBe(1);
      await until(() =>
        hall.locator(`[data-session="${jointId}"]`).getByTestId("board-desks").textContent(),
      ).toContain(`${second.number}`);
      if (name === "phone") expect(await overflowsHorizontally(hall)).toBe(false);
      await hall.screenshot({ path: `${ARTIFACTS}/hall-board-${name}.png`, fullPage: true });
      await hall.close();
    }

    // 6. The desk works on a 360-px phone too.
    const phoneDesk = await product.browser.newPage(PHONE);
    await signIn(product, phoneDesk, "clerk");
    await phoneDesk.goto(`${product.stack.url}/t/${T}/console/reception/${jointId}`);
    await until(() => phoneDesk.getByTestId("desk-picker").count()).toBe(1);
    await until(() => phoneDesk.getByTestId("desk-now").textContent()).toContain(
      `${first.number} 号`,
    );
    expect(await overflowsHorizontally(phoneDesk)).toBe(false);
    await phoneDesk.screenshot({ path: `${ARTIFACTS}/joint-desk-phone.png`, fullPage: true });
  });

  it("schedules a joint reception with its desks from the creation form", async () => {
    const venue = "县信访局三楼联合接访室";
    const clerk = await product.browser.newPage(DESKTOP);
    await signIn(product, clerk, "clerk");
    await clerk.goto(`${product.stack.url}/t/${T}/console/reception`);
    await until(() => clerk.locator("h1").textContent()).toBe("接访日");
    await clerk.getByRole("button", { name: "安排接访" }).click();
    const leader = clerk.locator("#session-leader option", { hasText: "王建国" });
    await until(() => leader.count()).toBe(1);
    await clerk.selectOption("#session-leader", (await leader.getAttribute("value")) ?? "");
    await clerk.getByLabel("日期", { exact: true }).fill(dayAhead(5));
    await clerk.getByLabel("开始时间").fill("09:00");
    await clerk.getByLabel("结束时间").fill("11:00");
    await clerk.getByLabel("接访地点").fill(venue);
    // Desks appear for a joint reception only.
    const desks = clerk.getByTestId("session-desks");
    expect(await desks.count()).toBe(0);
    await clerk.selectOption("#session-form", "joint");
    await desks.getByRole("button", { name: "增加窗口" }).click();
    const town = clerk.locator("#session-desk-2 option", { hasText: "周杰" });
    await until(() => town.count()).toBe(1);
    const townId = (await town.getAttribute("value")) ?? "";
    await clerk.selectOption("#session-desk-2", townId);
    await clerk.screenshot({ path: `${ARTIFACTS}/joint-session-form.png`, fullPage: true });
    await clerk.getByRole("button", { name: "保存为草稿" }).click();

    // The draft already has desk 2: the desks editor opens with it.
    const row = clerk.getByTestId("schedule-session").filter({ hasText: venue });
    await until(() => row.getAttribute("data-status")).toBe("draft");
    await row.getByRole("button", { name: /联合接访窗口/ }).click();
    const form = clerk.getByTestId("joint-desks-form");
    await until(() => form.locator("#desk-2").inputValue()).toBe(townId);
    expect(await form.locator("#desk-3").count()).toBe(0);
  });
});
