import type { DeadlinePolicyView, DeadlineRuleView } from "../../../schema/api/calendar.ts";
import { getDeadlinePolicy } from "../api/casework.ts";
import { useAsync } from "./hooks.ts";

/**
 * The county's periods in force (受理、异议、延期、复查…), for the hints the forms show: every
 * number is a county setting, so no form writes "30 日" from memory. Read once per county
 * while the console is open.
 */
const loaded = new Map<string, ReturnType<typeof getDeadlinePolicy>>();

export function usePolicyRules(tenant: string): Record<string, DeadlineRuleView> | undefined {
  return usePolicy(tenant)?.rules;
}

/** The county's whole policy view: periods and the group-visit numbers. */
export function usePolicy(tenant: string): DeadlinePolicyView | undefined {
  const policy = useAsync(() => {
    let pending = loaded.get(tenant);
    if (!pending) {
      pending = getDeadlinePolicy(tenant);
      // A failed read is tried again next time rather than remembered.
      pending.catch(() => loaded.delete(tenant));
      loaded.set(tenant, pending);
    }
    return pending;
  }, tenant);
  return policy.data;
}

/** "5 个工作日", "30 日"; undefined while the county's numbers are not yet read. */
export function periodText(rule: DeadlineRuleView | undefined): string | undefined {
  if (!rule) return undefined;
  return `${rule.days} ${rule.kind === "working" ? "个工作日" : "日"}`;
}

/**
 * The problem with an extension's day count, in Chinese, or undefined when it may be sent:
 * a whole number of days, within what is left of the county's longest extension.
 */
export function extensionDaysProblem(
  days: string,
  most: number | undefined,
  already: number,
): string | undefined {
  const n = Number(days);
  const left = most === undefined ? undefined : Math.max(0, most - already);
  if (left === 0) return "已达到最长延期，不能再延长";
  if (days.trim() === "" || !Number.isInteger(n) || n < 1) return "请填写延长的天数（整数）";
  if (left !== undefined && n > left) return `最多还可延长 ${left} 日`;
  return undefined;
}
