import { useEffect, useState } from "preact/hooks";
import type { PublicTenant } from "../../../schema/api/tenants.ts";
import { ApiError } from "../api/client.ts";
import { getPublicTenant } from "../api/public.ts";
import {
  bookingPath,
  petitionPath,
  publicPath,
  receptionPath,
  tenantFromPath,
  trackPath,
} from "../shared/tenant.ts";
import { AppointmentPage } from "./Appointment.tsx";
import { MyBookingPage } from "./MyBooking.tsx";
import { PetitionForm } from "./PetitionForm.tsx";
import { ReceptionPage } from "./Reception.tsx";
import { TrackPage } from "./Track.tsx";

type Page = "petition" | "track" | "reception" | "booking" | "appointment";

const PAGE_TITLES: Record<Page, string> = {
  petition: "网上信访",
  track: "查询办理进度",
  reception: "领导接访",
  booking: "我的预约",
  appointment: "领导约访",
};

const PATHS: Record<string, Page> = {
  petition: "petition",
  track: "track",
  reception: "reception",
  "reception/booking": "booking",
  "reception/appointment": "appointment",
};

/**
 * The page for a path. `?view=reception|booking` on the petition or tracking path opens the
 * reception pages too, for a Worker that does not yet route /reception to this entry.
 */
export function pageOf(pathname: string, search = ""): Page | null {
  const match =
    /^\/t\/\d{6}\/(petition|track|reception|reception\/booking|reception\/appointment)\/?$/.exec(
      pathname,
    );
  const page = match?.[1] ? (PATHS[match[1]] ?? null) : null;
  const view = new URLSearchParams(search).get("view");
  if ((page === "petition" || page === "track") && (view === "reception" || view === "booking")) {
    return view;
  }
  return page;
}

/**
 * The citizens' pages, kept light (Preact and nothing else): each is a full page load, so
 * there is no router. The county's name comes from its public record.
 */
export function CitizenApp({ pathname, search }: { pathname: string; search: string }) {
  const code = tenantFromPath(pathname);
  const page = pageOf(pathname, search);
  const params = new URLSearchParams(search);
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

  const current = (p: Page) => (page === p ? "page" : undefined);
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
              <a href={petitionPath(code)} aria-current={current("petition")}>
                网上信访
              </a>
              <a href={trackPath(code)} aria-current={current("track")}>
                查询办理进度
              </a>
              <a href={receptionPath(code)} aria-current={current("reception")}>
                领导接访
              </a>
              <a href={bookingPath(code)} aria-current={current("booking")}>
                我的预约
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
        ) : page === "reception" ? (
          <ReceptionPage tenant={code} initialSession={params.get("session") ?? ""} />
        ) : page === "appointment" ? (
          <AppointmentPage tenant={code} />
        ) : page === "booking" ? (
          <MyBookingPage tenant={code} initialCode={params.get("code") ?? ""} />
        ) : (
          <TrackPage tenant={code} initialCode={params.get("code") ?? ""} />
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
