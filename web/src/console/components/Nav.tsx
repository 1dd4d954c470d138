import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { consolePath } from "../../shared/tenant.ts";

interface NavItem {
  sub: string;
  label: string;
  adminOnly: boolean;
}

const ITEMS: readonly NavItem[] = [
  { sub: "", label: "首页", adminOnly: false },
  { sub: "/units", label: "单位管理", adminOnly: true },
  { sub: "/staff", label: "人员管理", adminOnly: true },
  { sub: "/settings", label: "公开信息", adminOnly: true },
];

export function Nav({ tenant, isAdmin }: { tenant: string; isAdmin: boolean }) {
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
        {ITEMS.filter((item) => isAdmin || !item.adminOnly).map((item) => {
          const href = consolePath(tenant, item.sub);
          const current = item.sub === "" ? path === home : path.startsWith(href);
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
