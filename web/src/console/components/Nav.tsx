import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Role } from "../../../../schema/api/staff.ts";
import type { UnitKind } from "../../../../schema/api/units.ts";
import { consolePath } from "../../shared/tenant.ts";

interface NavItem {
  sub: string;
  label: string;
  /** Who sees the item; everyone when absent. */
  roles?: readonly Role[];
  /** Only staff of the county office (信访局) see it. */
  countyOffice?: boolean;
}

const CASE_WORK: readonly Role[] = ["clerk", "handler", "leader", "supervisor", "viewer"];

export const NAV_ITEMS: readonly NavItem[] = [
  { sub: "", label: "首页" },
  { sub: "/work", label: "我的工作", roles: CASE_WORK },
  { sub: "/search", label: "查找", roles: CASE_WORK },
  // Clerks register letters and visits; leaders register what they receive on reception days.
  { sub: "/petitions/new", label: "登记信访", roles: ["clerk", "leader"] },
  // The county office chases overdue cases; leaders and admins follow along.
  { sub: "/supervision", label: "督办", roles: ["supervisor", "leader", "tenant_admin"] },
  // The figures of one's own unit and below; the county office sees the county.
  // Cases rated 不满意 or petitioned again, reviewed one by one by the county office.
  { sub: "/review-list", label: "逐案评查", roles: CASE_WORK, countyOffice: true },
  { sub: "/statistics", label: "统计分析", roles: CASE_WORK },
  // The office's own suggestions to other organs and their adoption (§41 (三)).
  { sub: "/suggestions", label: "建议登记", countyOffice: true },
  // Reception days: the schedule and, on the day, the desk; the county office watches all.
  { sub: "/reception", label: "接访日", roles: ["clerk", "leader", "supervisor", "tenant_admin"] },
  { sub: "/reception-monitor", label: "实时监控", countyOffice: true },
  { sub: "/units", label: "单位管理", roles: ["tenant_admin"] },
  { sub: "/staff", label: "人员管理", roles: ["tenant_admin"] },
  { sub: "/calendar", label: "节假日", roles: ["tenant_admin"] },
  { sub: "/reception-rules", label: "接访规则", roles: ["tenant_admin"] },
  { sub: "/oversight-settings", label: "考核设置", roles: ["tenant_admin"] },
  { sub: "/settings", label: "公开信息", roles: ["tenant_admin"] },
  { sub: "/notifications", label: "通知设置", roles: ["tenant_admin"] },
  { sub: "/deliveries", label: "发送记录", roles: ["tenant_admin"] },
];

export function navItemsFor(roles: readonly Role[], unitKind?: UnitKind): NavItem[] {
  return NAV_ITEMS.filter(
    (item) =>
      (!item.roles || item.roles.some((r) => roles.includes(r))) &&
      (!item.countyOffice || unitKind === "county"),
  );
}

export function Nav({
  tenant,
  roles,
  unitKind,
}: {
  tenant: string;
  roles: readonly Role[];
  unitKind?: UnitKind;
}) {
  const { path } = useLocation();
  const [open, setOpen] = useState(false);

  // A choice made in the folded menu should also fold it again.
  useEffect(() => setOpen(false), [path]);

  const home = consolePath(tenant);
  return (
    <nav class="nav" aria-label="主导航">
      <button
        type="button"
        class="button nav__toggle"
        aria-expanded={open}
        aria-controls="nav-list"
        onClick={() => setOpen((o) => !o)}
      >
        菜单
      </button>
      <ul id="nav-list" class="nav__list" data-open={String(open)}>
        {navItemsFor(roles, unitKind).map((item) => {
          const href = consolePath(tenant, item.sub);
          // A case page belongs under 我的工作; the intake form has its own item.
          const current =
            item.sub === ""
              ? path === home
              : item.sub === "/work"
                ? path.startsWith(href) ||
                  (path.startsWith(consolePath(tenant, "/petitions/")) &&
                    !path.startsWith(consolePath(tenant, "/petitions/new")))
                : path === href || path.startsWith(`${href}/`);
          return (
            <li key={item.sub}>
              <a class="nav__link" href={href} aria-current={current ? "page" : undefined}>
                {item.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
