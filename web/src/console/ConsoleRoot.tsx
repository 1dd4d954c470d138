import type { ComponentType } from "preact";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { lazy, Route, Router, useLocation, useRoute } from "preact-iso";
import type { Me as MeResponse } from "../../../schema/api/auth.ts";
import type { Role } from "../../../schema/api/staff.ts";
import { isApiError, setUnauthenticatedListener } from "../api/client.ts";
import { getMe } from "../api/console.ts";
import { isCountyCode, loginPath } from "../shared/tenant.ts";
import { ErrorAlert } from "./components/ErrorAlert.tsx";
import { Loading } from "./components/Loading.tsx";
import { Shell } from "./components/Shell.tsx";
import { ChunkFailed, Forbidden } from "./pages/Fallbacks.tsx";
import { HomePage } from "./pages/Home.tsx";
import { NotFoundDocument, NotFoundPage } from "./pages/NotFound.tsx";
import { type Session, SessionContext, useSession } from "./session.ts";

// Admin pages are split out: most staff never open them. A failed chunk download (say, after
// a deploy replaced the files) shows a reload prompt instead of leaving the old page up.
const UnitsPage = lazy(() =>
  import("./pages/Units.tsx").then(
    (m) => m.UnitsPage,
    () => ChunkFailed,
  ),
);
const StaffPage = lazy(() =>
  import("./pages/Staff.tsx").then(
    (m) => m.StaffPage,
    () => ChunkFailed,
  ),
);
const PasswordPage = lazy(() =>
  import("./pages/Password.tsx").then(
    (m) => m.PasswordPage,
    () => ChunkFailed,
  ),
);
const SettingsPage = lazy(() =>
  import("./pages/Settings.tsx").then(
    (m) => m.SettingsPage,
    () => ChunkFailed,
  ),
);

// Case work: loaded when first opened, so signing in stays quick.
const WorkPage = lazy(() =>
  import("./pages/Work.tsx").then(
    (m) => m.WorkPage,
    () => ChunkFailed,
  ),
);
const SearchPage = lazy(() =>
  import("./pages/Search.tsx").then(
    (m) => m.SearchPage,
    () => ChunkFailed,
  ),
);
const PetitionNewPage = lazy(() =>
  import("./pages/PetitionNew.tsx").then(
    (m) => m.PetitionNewPage,
    () => ChunkFailed,
  ),
);
const PetitionPage = lazy(() =>
  import("./pages/Petition.tsx").then(
    (m) => m.PetitionPage,
    () => ChunkFailed,
  ),
);
const ReceptionRulesPage = lazy(() =>
  import("./pages/ReceptionRules.tsx").then(
    (m) => m.ReceptionRulesPage,
    () => ChunkFailed,
  ),
);
const CalendarPage = lazy(() =>
  import("./pages/Calendar.tsx").then(
    (m) => m.CalendarPage,
    () => ChunkFailed,
  ),
);

// Figures and their charts (uPlot is fetched only by this page's chart).
const StatisticsPage = lazy(() =>
  import("./pages/Statistics.tsx").then(
    (m) => m.StatisticsPage,
    () => ChunkFailed,
  ),
);

// Issue 11's analysis pages: the backlog, the assessment and its 通报, the 研判, §41's report.
const BacklogPage = lazy(() =>
  import("./pages/Backlog.tsx").then(
    (m) => m.BacklogPage,
    () => ChunkFailed,
  ),
);
const AssessmentPage = lazy(() =>
  import("./pages/Assessment.tsx").then(
    (m) => m.AssessmentPage,
    () => ChunkFailed,
  ),
);
const AssessmentPrintPage = lazy(() =>
  import("./pages/AssessmentPrint.tsx").then(
    (m) => m.AssessmentPrintPage,
    () => ChunkFailed,
  ),
);
const HotIssuesPage = lazy(() =>
  import("./pages/HotIssues.tsx").then(
    (m) => m.HotIssuesPage,
    () => ChunkFailed,
  ),
);
const AnnualReportPage = lazy(() =>
  import("./pages/AnnualReport.tsx").then(
    (m) => m.AnnualReportPage,
    () => ChunkFailed,
  ),
);
const SuggestionsPage = lazy(() =>
  import("./pages/Suggestions.tsx").then(
    (m) => m.SuggestionsPage,
    () => ChunkFailed,
  ),
);
const OversightSettingsPage = lazy(() =>
  import("./pages/OversightSettings.tsx").then(
    (m) => m.OversightSettingsPage,
    () => ChunkFailed,
  ),
);

// Printed documents of a case: their own stylesheet, only when printing.
const PrintDocumentPage = lazy(() =>
  import("./pages/PrintDocument.tsx").then(
    (m) => m.PrintDocumentPage,
    () => ChunkFailed,
  ),
);

// Notifications: the inbox is for everyone, the rest for the county office and admins.
const InboxPage = lazy(() =>
  import("./pages/Inbox.tsx").then(
    (m) => m.InboxPage,
    () => ChunkFailed,
  ),
);
const SupervisionPage = lazy(() =>
  import("./pages/Supervision.tsx").then(
    (m) => m.SupervisionPage,
    () => ChunkFailed,
  ),
);
const ReviewListPage = lazy(() =>
  import("./pages/ReviewList.tsx").then(
    (m) => m.ReviewListPage,
    () => ChunkFailed,
  ),
);
const NotificationSettingsPage = lazy(() =>
  import("./pages/NotificationSettings.tsx").then(
    (m) => m.NotificationSettingsPage,
    () => ChunkFailed,
  ),
);
const DeliveriesPage = lazy(() =>
  import("./pages/Deliveries.tsx").then(
    (m) => m.DeliveriesPage,
    () => ChunkFailed,
  ),
);

// Reception days: the schedule, the desk on the day, the county office's live monitor.
const ReceptionPage = lazy(() =>
  import("./pages/Reception.tsx").then(
    (m) => m.ReceptionSchedulePage,
    () => ChunkFailed,
  ),
);
const ReceptionDeskPage = lazy(() =>
  import("./pages/ReceptionDesk.tsx").then(
    (m) => m.ReceptionDeskPage,
    () => ChunkFailed,
  ),
);
const ReceptionMonitorPage = lazy(() =>
  import("./pages/ReceptionMonitor.tsx").then(
    (m) => m.ReceptionMonitorPage,
    () => ChunkFailed,
  ),
);

function adminOnly(Page: ComponentType) {
  return function AdminRoute() {
    return useSession().isAdmin ? <Page /> : <Forbidden />;
  };
}

const UnitsRoute = adminOnly(UnitsPage);
const StaffRoute = adminOnly(StaffPage);
const SettingsRoute = adminOnly(SettingsPage);
const CalendarRoute = adminOnly(CalendarPage);
const ReceptionRulesRoute = adminOnly(ReceptionRulesPage);
const NotificationSettingsRoute = adminOnly(NotificationSettingsPage);
const DeliveriesRoute = adminOnly(DeliveriesPage);
const OversightSettingsRoute = adminOnly(OversightSettingsPage);

/** The §41 report counts units complained about: the county office's alone. */
function AnnualReportRoute() {
  const { me } = useSession();
  return me.unit.kind === "county" ? <AnnualReportPage /> : <Forbidden who="县信访局工作人员" />;
}

/** The register of the office's own suggestions (§41 (三)) is the county office's. */
function SuggestionsRoute() {
  const { me } = useSession();
  return me.unit.kind === "county" ? <SuggestionsPage /> : <Forbidden who="县信访局工作人员" />;
}

function SupervisionRoute() {
  const { me } = useSession();
  const allowed = me.staff.roles.some((r) => SUPERVISION_ROLES.includes(r));
  return allowed ? <SupervisionPage /> : <Forbidden who="督办员、领导干部和系统管理员" />;
}

const SUPERVISION_ROLES: readonly Role[] = ["supervisor", "leader", "tenant_admin"];

const RECEPTION_ROLES: readonly Role[] = ["clerk", "leader", "supervisor", "tenant_admin"];
const DESK_ROLES: readonly Role[] = ["clerk", "leader", "supervisor"];

function ReceptionRoute() {
  const { me } = useSession();
  const allowed = me.staff.roles.some((r) => RECEPTION_ROLES.includes(r));
  return allowed ? <ReceptionPage /> : <Forbidden who="登记员、领导干部、督办员和系统管理员" />;
}

function ReceptionDeskRoute() {
  const { me } = useSession();
  const allowed = me.staff.roles.some((r) => DESK_ROLES.includes(r));
  return allowed ? <ReceptionDeskPage /> : <Forbidden who="接访单位的登记员、领导干部和督办员" />;
}

function ReceptionMonitorRoute() {
  const { me } = useSession();
  return me.unit.kind === "county" ? (
    <ReceptionMonitorPage />
  ) : (
    <Forbidden who="县信访局工作人员" />
  );
}

/** 逐案评查 is the county office's review of its cases. */
function ReviewListRoute() {
  const { me } = useSession();
  return me.unit.kind === "county" ? <ReviewListPage /> : <Forbidden who="县信访局工作人员" />;
}

function currentUrl(): string {
  return location.pathname + location.search;
}

function loginRedirect(tenant: string): string {
  return `${loginPath(tenant)}?next=${encodeURIComponent(currentUrl())}`;
}

type State =
  | { status: "loading" }
  | { status: "ready"; me: MeResponse }
  | { status: "error"; error: unknown };

export function ConsoleRoot() {
  const { params } = useRoute();
  const tenant = params.tenant ?? "";
  const { route } = useLocation();
  // route() is re-created on every navigation; reading it through a ref keeps the session
  // loader stable so moving between console pages does not re-fetch the user.
  const routeRef = useRef(route);
  routeRef.current = route;
  const [state, setState] = useState<State>({ status: "loading" });
  const mainRef = useRef<HTMLElement>(null);

  const fetchMe = useCallback(async (): Promise<MeResponse | null> => {
    const me = await getMe();
    if (me.tenant.code === tenant) return me;
    // A session for another county does not open this county's console.
    routeRef.current(loginRedirect(tenant), true);
    return null;
  }, [tenant]);

  const load = useCallback(async () => {
    setState({ status: "loading" });
    try {
      const me = await fetchMe();
      if (me) setState({ status: "ready", me });
    } catch (error) {
      if (!(isApiError(error) && error.status === 401)) setState({ status: "error", error });
    }
  }, [fetchMe]);

  // Unlike load(), a failed refresh leaves the console as it is and lets the caller decide.
  const refresh = useCallback(async () => {
    const me = await fetchMe();
    if (me) setState({ status: "ready", me });
  }, [fetchMe]);

  useEffect(() => {
    // Any 401 while the console is open means the session ended (expired, signed out
    // elsewhere, account disabled): go to the login page and come back here afterwards.
    setUnauthenticatedListener(() => routeRef.current(loginRedirect(tenant), true));
    return () => setUnauthenticatedListener(null);
  }, [tenant]);

  useEffect(() => {
    if (isCountyCode(tenant)) void load();
  }, [tenant, load]);

  const session = useMemo<Session | null>(
    () =>
      state.status === "ready"
        ? {
            tenant,
            me: state.me,
            isAdmin: state.me.staff.roles.includes("tenant_admin"),
            refresh,
          }
        : null,
    [state, tenant, refresh],
  );

  // Moving focus to the page's main region tells screen-reader users that the view changed.
  const onRouteChange = useCallback(() => mainRef.current?.focus(), []);

  if (!isCountyCode(tenant)) return <NotFoundDocument />;
  if (state.status === "loading") {
    return (
      <main id="main" class="page">
        <Loading what="工作台" />
      </main>
    );
  }
  if (state.status === "error" || !session) {
    return (
      <main id="main" class="page page--narrow">
        <h1>工作台暂时无法打开</h1>
        <ErrorAlert error={state.status === "error" ? state.error : null} />
        <p>
          <button type="button" class="button" onClick={() => void load()}>
            重试
          </button>
        </p>
      </main>
    );
  }

  return (
    <SessionContext.Provider value={session}>
      <Shell mainRef={mainRef}>
        <Router onRouteChange={onRouteChange}>
          <Route path="/" component={HomePage} />
          <Route path="/work" component={WorkPage} />
          <Route path="/search" component={SearchPage} />
          <Route path="/petitions/new" component={PetitionNewPage} />
          <Route path="/petitions/:id" component={PetitionPage} />
          <Route path="/inbox" component={InboxPage} />
          <Route path="/reception" component={ReceptionRoute} />
          <Route path="/reception/:sessionId" component={ReceptionDeskRoute} />
          <Route path="/reception-monitor" component={ReceptionMonitorRoute} />
          <Route path="/supervision" component={SupervisionRoute} />
          <Route path="/review-list" component={ReviewListRoute} />
          <Route path="/statistics" component={StatisticsPage} />
          <Route path="/statistics/backlog" component={BacklogPage} />
          <Route path="/statistics/assessment" component={AssessmentPage} />
          <Route path="/statistics/assessment/print" component={AssessmentPrintPage} />
          <Route path="/statistics/hot-issues" component={HotIssuesPage} />
          <Route path="/statistics/annual-report" component={AnnualReportRoute} />
          <Route path="/suggestions" component={SuggestionsRoute} />
          <Route path="/oversight-settings" component={OversightSettingsRoute} />
          <Route path="/petitions/:id/print/:kind" component={PrintDocumentPage} />
          <Route path="/notifications" component={NotificationSettingsRoute} />
          <Route path="/deliveries" component={DeliveriesRoute} />
          <Route path="/calendar" component={CalendarRoute} />
          <Route path="/reception-rules" component={ReceptionRulesRoute} />
          <Route path="/units" component={UnitsRoute} />
          <Route path="/staff" component={StaffRoute} />
          <Route path="/settings" component={SettingsRoute} />
          <Route path="/password" component={PasswordPage} />
          <Route default component={NotFoundPage} />
        </Router>
      </Shell>
    </SessionContext.Provider>
  );
}
