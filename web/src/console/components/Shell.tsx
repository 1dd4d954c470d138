import type { ComponentChildren, RefObject } from "preact";
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { isApiError } from "../../api/client.ts";
import { logout } from "../../api/console.ts";
import { consolePath, loginPath } from "../../shared/tenant.ts";
import { useSession } from "../session.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { InboxLink } from "./InboxLink.tsx";
import { Nav } from "./Nav.tsx";

interface Props {
  mainRef: RefObject<HTMLElement | null>;
  children: ComponentChildren;
}

export function Shell({ mainRef, children }: Props) {
  const { tenant, me } = useSession();
  const { route } = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const signOut = async () => {
    setSigningOut(true);
    setError(null);
    try {
      await logout();
    } catch (err) {
      // An already-expired session is as good as signed out; anything else means the cookie
      // may still be valid, so say so rather than pretend on a shared office computer.
      if (!(isApiError(err) && err.status === 401)) {
        setError(err);
        setSigningOut(false);
        return;
      }
    }
    route(loginPath(tenant), true);
  };

  const { staff, unit } = me;
  return (
    <>
      <a class="skip-link" href="#main">
        跳到主要内容
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          <p class="brand">
            {me.tenant.name} <span class="brand__sub">信访工作平台</span>
          </p>
          <div class="whoami">
            {/* 三亮: badge number, name and position, in that order. */}
            {staff.badgeNumber && <span>工号 {staff.badgeNumber}</span>}
            <span class="whoami__name" data-testid="whoami">
              {staff.displayName}
            </span>
            {staff.position && <span>{staff.position}</span>}
            <span>{unit.name}</span>
            <InboxLink tenant={tenant} />
            <a class="whoami__link" href={consolePath(tenant, "/password")}>
              修改密码
            </a>
            <button
              type="button"
              class="button button--small button--on-brand"
              disabled={signingOut}
              onClick={signOut}
            >
              退出登录
            </button>
          </div>
        </div>
      </header>
      {error !== null && (
        <div class="page">
          <ErrorAlert error={error} />
        </div>
      )}
      <div class="console">
        <Nav tenant={tenant} roles={me.staff.roles} unitKind={me.unit.kind} />
        <main id="main" class="console__main" tabindex={-1} ref={mainRef}>
          {children}
        </main>
      </div>
    </>
  );
}
