import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { PetitionStatus, PetitionSummary } from "../../../../schema/api/petitions.ts";
import { listUnits } from "../../api/console.ts";
import { listPetitions } from "../../api/petitions.ts";
import { formatDate, formatTrackingCode } from "../../shared/dates.ts";
import {
  CHANNEL_LABELS,
  deadlineLabel,
  labelOf,
  STATUSES,
  statusLabel,
} from "../../shared/petition-labels.ts";
import { consolePath } from "../../shared/tenant.ts";
import { DeadlineBadge } from "../../shared/ui/Deadlines.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { SelectField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { StatusTag } from "../components/petition/StatusTag.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

const PAGE_SIZE = 25;

interface ListState {
  items: PetitionSummary[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
}

export function WorkPage() {
  const { tenant, me } = useSession();
  usePageTitle("我的工作", me.tenant.name);
  const { query, path, route } = useLocation();
  // Filters live in the address, so Back from a case returns to the same list.
  const status = STATUSES.includes(query.status as PetitionStatus)
    ? (query.status as PetitionStatus)
    : undefined;
  const overdue = query.overdue === "true";
  const units = useAsync(() => listUnits(tenant).then((r) => r.units), tenant);
  const [list, setList] = useState<ListState>({
    items: [],
    nextCursor: null,
    loading: true,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);

  const setFilter = (next: { status?: string; overdue?: boolean }) => {
    const params = new URLSearchParams();
    const s = "status" in next ? next.status : status;
    const o = "overdue" in next ? next.overdue : overdue;
    if (s) params.set("status", s);
    if (o) params.set("overdue", "true");
    const search = params.toString();
    route(`${path}${search ? `?${search}` : ""}`, true);
  };

  // `attempt` forces a reload of the same filters.
  useEffect(() => {
    let live = true;
    setList({ items: [], nextCursor: null, loading: true, error: null });
    listPetitions(tenant, { status, overdue, limit: PAGE_SIZE }).then(
      (page) => live && setList({ ...page, loading: false, error: null }),
      (error: unknown) => live && setList((l) => ({ ...l, loading: false, error })),
    );
    return () => {
      live = false;
    };
  }, [tenant, status, overdue, attempt]);

  const loadMore = async () => {
    if (!list.nextCursor) return;
    const cursor = list.nextCursor;
    const firstNew = list.items.length;
    setList((l) => ({ ...l, loading: true, error: null }));
    try {
      const page = await listPetitions(tenant, { status, overdue, cursor, limit: PAGE_SIZE });
      setList((l) => ({
        items: [...l.items, ...page.items],
        nextCursor: page.nextCursor,
        loading: false,
        error: null,
      }));
      // Keyboard users continue from the first newly loaded case.
      requestAnimationFrame(() =>
        document.querySelectorAll<HTMLElement>(".case-list__link")[firstNew]?.focus(),
      );
    } catch (error) {
      setList((l) => ({ ...l, loading: false, error }));
    }
  };

  const unitName = (id: string) =>
    units.data?.find((u) => u.id === id)?.name ?? (units.loading ? "…" : "（未知单位）");

  return (
    <>
      <h1>我的工作</h1>
      <p class="lead">按最近的期限排序，先办最紧的。</p>
      <form
        noValidate
        class="form--inline filters"
        onSubmit={(e) => e.preventDefault()}
        aria-label="筛选"
      >
        <SelectField
          id="work-status"
          label="状态"
          value={status ?? ""}
          onValue={(value) => setFilter({ status: value })}
          options={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          placeholder="全部状态"
        />
        <div class="field field--check">
          <label class="check" for="work-overdue">
            <input
              id="work-overdue"
              type="checkbox"
              checked={overdue}
              onChange={(e) => setFilter({ overdue: e.currentTarget.checked })}
            />
            只看已超期
          </label>
        </div>
      </form>
      <div aria-live="polite" aria-busy={list.loading}>
        {list.items.length === 0 && list.loading && <Loading what="信访事项" />}
        {list.items.length === 0 && !list.loading && !list.error && (
          <p class="muted">
            {status || overdue ? "没有符合条件的信访事项。" : "暂无待办的信访事项。"}
          </p>
        )}
      </div>
      {list.items.length > 0 && (
        <ul class="case-list" aria-label="信访事项">
          {list.items.map((item) => (
            <CaseRow key={item.id} tenant={tenant} item={item} unitName={unitName} />
          ))}
        </ul>
      )}
      <ErrorAlert error={list.error} />
      {list.error !== null && list.items.length === 0 && (
        <p>
          <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>
            重试
          </button>
        </p>
      )}
      {list.nextCursor && (
        <p>
          <button type="button" class="button" disabled={list.loading} onClick={loadMore}>
            加载更多
          </button>
        </p>
      )}
    </>
  );
}

export function CaseRow({
  tenant,
  item,
  unitName,
  badge,
  children,
}: {
  tenant: string;
  item: PetitionSummary;
  unitName: (id: string) => string;
  /** Why the case is in the list, e.g. how a search found it. */
  badge?: string | undefined;
  /** What the list offers to do with the case there (e.g. 评查完毕). */
  children?: ComponentChildren;
}) {
  const next = item.nextDeadline;
  const code = formatTrackingCode(item.trackingCode);
  return (
    <li
      class={`case-list__item${next?.state === "overdue" ? " case-list__item--overdue" : ""}`}
      data-code={item.trackingCode}
    >
      <div class="case-list__head">
        <a
          class="case-list__link"
          href={consolePath(tenant, `/petitions/${encodeURIComponent(item.id)}`)}
        >
          <span class="case-list__code">{code}</span> {item.categoryName}
        </a>
        <StatusTag status={item.status} />
        {item.confidential && <span class="tag tag--secret">保密</span>}
        {item.repeat && <span class="tag tag--warn">重复信访</span>}
        {item.firstPetition && <span class="tag">初信初访</span>}
        {badge && <span class="tag">{badge}</span>}
      </div>
      <p class="case-list__headline">{item.headline}</p>
      <p class="case-list__meta">
        <span>{item.petitionerName}</span>
        <span>{labelOf(CHANNEL_LABELS, item.channel)}</span>
        <span>{formatDate(item.receivedOn)} 收到</span>
        <span>承办：{unitName(item.responsibleUnitId)}</span>
      </p>
      {next && (
        <p class="case-list__deadline">
          <DeadlineBadge state={next.state} /> {deadlineLabel(next.key)}：{formatDate(next.due)}
        </p>
      )}
      {children}
    </li>
  );
}
