import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { isApiError } from "../../api/client.ts";
import { getMe, getPublicTenant, login } from "../../api/console.ts";
import { consolePath, isCountyCode, publicPath } from "../../shared/tenant.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { usePageTitle } from "../hooks.ts";
import { NotFoundDocument } from "./NotFound.tsx";

/** Where to go after signing in; only this county's console, never another site. */
function nextUrl(tenant: string, next: string | undefined): string {
  const home = consolePath(tenant);
  if (next && (next === home || next.startsWith(`${home}/`) || next.startsWith(`${home}?`))) {
    return next;
  }
  return home;
}

export function LoginPage() {
  const { params, query } = useRoute();
  const tenant = params.tenant ?? "";
  const { route } = useLocation();
  const target = nextUrl(tenant, query.next);

  const [countyName, setCountyName] = useState<string | null>(null);
  const [unknownCounty, setUnknownCounty] = useState(false);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const routeRef = useRef(route);
  routeRef.current = route;

  usePageTitle("工作人员登录", countyName ?? undefined);

  useEffect(() => {
    if (!isCountyCode(tenant)) return;
    let live = true;
    // Someone already signed in to this county skips the form.
    getMe().then(
      (me) => {
        if (live && me.tenant.code === tenant) routeRef.current(target, true);
      },
      () => {},
    );
    getPublicTenant(tenant).then(
      (t) => live && setCountyName(t.name),
      (err: unknown) => live && isApiError(err) && err.status === 404 && setUnknownCounty(true),
    );
    return () => {
      live = false;
    };
  }, [tenant, target]);

  if (!isCountyCode(tenant)) return <NotFoundDocument />;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      await login({ tenant, username: username.trim(), password });
      route(target, true);
    } catch (err) {
      setError(err);
      setPassword("");
      setSubmitting(false);
      // Put the user back where they can act on the message.
      document.getElementById("password")?.focus();
    }
  };

  return (
    <>
      <header class="site-header">
        <div class="site-header__inner">
          <p class="brand">
            {countyName ?? "连心桥"} <span class="brand__sub">信访工作平台</span>
          </p>
        </div>
      </header>
      <main id="main" class="page page--narrow">
        <h1>工作人员登录</h1>
        {unknownCounty ? (
          <div role="alert">
            <p>未找到该县（代码 {tenant}）。请核对网址中的县级行政区划代码。</p>
            <p>
              <a href="/">返回连心桥首页</a>
            </p>
          </div>
        ) : (
          <section class="card">
            <form
              noValidate
              class="form"
              onSubmit={submit}
              aria-describedby={error ? "login-error" : undefined}
            >
              <TextField
                id="username"
                label="用户名"
                value={username}
                onValue={setUsername}
                autoComplete="username"
                required
              />
              <TextField
                id="password"
                label="密码"
                type="password"
                value={password}
                onValue={setPassword}
                autoComplete="current-password"
                required
              />
              {error !== null && (
                <div id="login-error">
                  <ErrorAlert error={error} labels={{ username: "用户名", password: "密码" }} />
                </div>
              )}
              <div class="actions">
                <button
                  type="submit"
                  class="button button--primary"
                  disabled={submitting}
                  aria-busy={submitting}
                >
                  登录
                </button>
              </div>
            </form>
          </section>
        )}
        <p>
          <a href={publicPath(tenant)}>返回本县信访公开页面</a>
        </p>
      </main>
    </>
  );
}
