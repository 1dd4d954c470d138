import { useEffect, useState } from "preact/hooks";
import type { PublicTenant } from "../../../schema/api/tenants.ts";
import { ApiError } from "../api/client.ts";
import { getPublicTenant } from "../api/public.ts";
import { loginPath, petitionPath, tenantFromPath, trackPath } from "../shared/tenant.ts";
import { ContactDetails } from "./ContactDetails.tsx";

type State =
  | { status: "loading" }
  | { status: "ready"; tenant: PublicTenant }
  | { status: "not-found" }
  | { status: "error"; message: string };

export function PublicLanding({ pathname }: { pathname: string }) {
  const code = tenantFromPath(pathname);
  const [state, setState] = useState<State>(code ? { status: "loading" } : { status: "not-found" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!code) return;
    let live = true;
    setState({ status: "loading" });
    getPublicTenant(code).then(
      (tenant) => {
        if (!live) return;
        document.title = `${tenant.name}信访工作 · 连心桥`;
        setState({ status: "ready", tenant });
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 404) setState({ status: "not-found" });
        else
          setState({
            status: "error",
            message: err instanceof ApiError ? err.message : "页面加载失败，请稍后重试。",
          });
      },
    );
    return () => {
      live = false;
    };
  }, [code, attempt]);

  const countyName = state.status === "ready" ? state.tenant.name : null;

  return (
    <>
      <a class="skip-link" href="#main">
        跳到主要内容
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          <p class="brand">
            {countyName ?? "连心桥"} <span class="brand__sub">信访工作</span>
          </p>
        </div>
      </header>
      <main id="main" class="page" tabindex={-1} aria-busy={state.status === "loading"}>
        {/* No <h1> until the county is known, so anything waiting for the heading gets the
            county's name rather than a placeholder. */}
        {state.status === "loading" && (
          <p class="muted" role="status">
            正在加载本县信访联系方式…
          </p>
        )}
        {state.status === "not-found" && (
          <>
            <h1>未找到该县</h1>
            <p role="alert">
              {code
                ? `没有找到代码为 ${code} 的县（市、区），它可能尚未开通本平台。`
                : "网址中没有有效的县级行政区划代码。"}
            </p>
            <p>
              <a href="/">返回平台首页，重新输入县代码</a>
            </p>
          </>
        )}
        {state.status === "error" && (
          <>
            <h1>暂时无法显示</h1>
            <p class="alert alert--error" role="alert">
              {state.message}
            </p>
            <p>
              <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>
                重试
              </button>
            </p>
          </>
        )}
        {state.status === "ready" && (
          <>
            <h1>{state.tenant.name}</h1>
            <p class="lead">
              群众可以通过网上信访、来信、来访、来电等方式反映诉求。以下是本县公布的信访工作联系方式。
            </p>
            <section class="card" aria-labelledby="online-title">
              <h2 id="online-title">网上办理</h2>
              <ul class="service-list">
                <li>
                  <a class="button button--primary" href={petitionPath(state.tenant.code)}>
                    网上信访
                  </a>
                  <span>在线反映问题，提交后获得查询码。</span>
                </li>
                <li>
                  <a class="button" href={trackPath(state.tenant.code)}>
                    查询办理进度
                  </a>
                  <span>凭查询码和手机号码后四位查询进度、评价办理结果。</span>
                </li>
              </ul>
            </section>
            <section class="card" aria-labelledby="contact-title">
              <h2 id="contact-title">信访渠道与联系方式</h2>
              <ContactDetails contact={state.tenant.contact} />
            </section>
          </>
        )}
      </main>
      <footer class="site-footer">
        <p>
          {code && state.status !== "not-found" && (
            <>
              <a href={loginPath(code)}>工作人员登录</a>
              {" · "}
            </>
          )}
          <a href="/">连心桥 · 县级信访工作平台</a>
        </p>
      </footer>
    </>
  );
}
