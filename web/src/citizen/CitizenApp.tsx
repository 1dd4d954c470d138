import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/client.ts";
import { getPublicTenant } from "../api/public.ts";
import type { PublicTenant } from "../api/types.ts";
import { petitionPath, publicPath, tenantFromPath, trackPath } from "../shared/tenant.ts";
import { PetitionForm } from "./PetitionForm.tsx";
import { TrackPage } from "./Track.tsx";

type Page = "petition" | "track";

const PAGE_TITLES: Record<Page, string> = { petition: "网上信访", track: "查询办理进度" };

function pageOf(pathname: string): Page | null {
  const match = /^\/t\/\d{6}\/(petition|track)\/?$/.exec(pathname);
  return (match?.[1] as Page | undefined) ?? null;
}

/**
 * The citizens' pages, kept light (Preact and nothing else): each is a full page load, so
 * there is no router. The county's name comes from its public record.
 */
export function CitizenApp({ pathname, search }: { pathname: string; search: string }) {
  const code = tenantFromPath(pathname);
  const page = pageOf(pathname);
  const [county, setCounty] = useState<PublicTenant | null>(null);
  const [missing, setMissing] = useState(!code || !page);

  useEffect(() => {
    if (!code || !page) return;
    let live = true;
    getPublicTenant(code).then(
      (tenant) => live && setCounty(tenant),
      (err: unknown) => live && err instanceof ApiError && err.status === 404 && setMissing(true),
    );
    return () => {
      live = false;
    };
  }, [code, page]);

  useEffect(() => {
    if (page)
      document.title = [PAGE_TITLES[page], county?.name, "连心桥"].filter(Boolean).join(" · ");
  }, [page, county]);

  return (
    <>
      <a class="skip-link" href="#main">
        跳到主要内容
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          <p class="brand">
            {county?.name ?? "连心桥"} <span class="brand__sub">信访工作</span>
          </p>
          {code && !missing && (
            <nav class="citizen-nav" aria-label="群众服务">
              <a href={petitionPath(code)} aria-current={page === "petition" ? "page" : undefined}>
                网上信访
              </a>
              <a href={trackPath(code)} aria-current={page === "track" ? "page" : undefined}>
                查询办理进度
              </a>
            </nav>
          )}
        </div>
      </header>
      <main id="main" class="page page--medium" tabindex={-1}>
        {missing || !code || !page ? (
          <>
            <h1>页面不存在</h1>
            <p role="alert">没有找到该县（市、区）的信访页面，可能网址有误或尚未开通本平台。</p>
            <p>
              <a href="/">返回连心桥首页</a>
            </p>
          </>
        ) : page === "petition" ? (
          <PetitionForm tenant={code} />
        ) : (
          <TrackPage tenant={code} initialCode={new URLSearchParams(search).get("code") ?? ""} />
        )}
      </main>
      <footer class="site-footer">
        <p>
          {code && !missing && (
            <>
              <a href={publicPath(code)}>{county?.name ?? "本县"}信访联系方式</a>
              {" · "}
            </>
          )}
          <a href="/">连心桥 · 县级信访工作平台</a>
        </p>
      </footer>
    </>
  );
}
