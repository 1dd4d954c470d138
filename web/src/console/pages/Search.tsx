import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { WorkList } from "../../../../schema/api/search.ts";
import { listUnits } from "../../api/console.ts";
import { getCategories, getStaffDirectory } from "../../api/petitions.ts";
import { type SearchHit, type SearchParams, searchPetitions } from "../../api/search.ts";
import {
  CHANNEL_LABELS,
  PURPOSE_LABELS,
  STATUSES,
  statusLabel,
} from "../../shared/petition-labels.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import { CaseRow } from "./Work.tsx";

const PAGE_SIZE = 25;

const LISTS: { value: WorkList; label: string; roles?: string[] }[] = [
  { value: "mine", label: "我包案的", roles: ["leader"] },
  { value: "toSign", label: "待我签字", roles: ["leader"] },
  { value: "toReview", label: "待我审核", roles: ["clerk", "supervisor", "leader"] },
  { value: "unitOverdue", label: "本单位超期" },
  { value: "dueSoon", label: "即将到期" },
  { value: "dueThisWeek", label: "本周到期" },
];

const MATCHED: Record<SearchHit["matchedBy"], string> = {
  trackingCode: "查询码",
  name: "姓名",
  phone: "手机号",
  idNumber: "身份证号",
  text: "内容",
  filter: "",
};

/** Filters kept in the address, so Back from a case returns to the same results. */
const KEYS = [
  "q",
  "list",
  "status",
  "channel",
  "purpose",
  "categoryCode",
  "unitId",
  "ownerLeaderId",
  "registeredFrom",
  "registeredTo",
  "overdue",
  "repeat",
  "fromAbove",
  "sort",
] as const;

interface Results {
  items: SearchHit[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
}

export function SearchPage() {
  const { tenant, me } = useSession();
  usePageTitle("查找", me.tenant.name);
  const { query, path, route } = useLocation();
  const params: SearchParams = Object.fromEntries(
    KEYS.flatMap((k) => (query[k] ? [[k, query[k]]] : [])),
  );
  const paramsKey = JSON.stringify(params);
  const [typed, setTyped] = useState(params.q ?? "");
  const units = useAsync(() => listUnits(tenant).then((r) => r.units), tenant);
  const choices = useAsync(
    () =>
      Promise.all([getCategories(tenant), getStaffDirectory(tenant)]).then(([c, d]) => ({
        categories: c.categories,
        leaders: d.staff.filter((s) => s.roles.includes("leader")),
      })),
    tenant,
  );
  const [results, setResults] = useState<Results>({
    items: [],
    nextCursor: null,
    loading: false,
    error: null,
  });
  const hasQuery = Object.keys(params).length > 0;

  const go = (next: SearchParams) => {
    const merged = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, ...next })) if (v) merged.set(k, v);
    route(`${path}?${merged}`, true);
  };

  useEffect(() => {
    if (!hasQuery) return;
    let live = true;
    setResults({ items: [], nextCursor: null, loading: true, error: null });
    searchPetitions(tenant, { ...params, limit: String(PAGE_SIZE) }).then(
      (page) => live && setResults({ ...page, loading: false, error: null }),
      (error: unknown) => live && setResults((r) => ({ ...r, loading: false, error })),
    );
    return () => {
      live = false;
    };
  }, [tenant, paramsKey]);

  const loadMore = async () => {
    if (!results.nextCursor) return;
    const cursor = results.nextCursor;
    setResults((r) => ({ ...r, loading: true }));
    try {
      const page = await searchPetitions(tenant, { ...params, cursor, limit: String(PAGE_SIZE) });
      setResults((r) => ({
        items: [...r.items, ...page.items],
        nextCursor: page.nextCursor,
        loading: false,
        error: null,
      }));
    } catch (error) {
      setResults((r) => ({ ...r, loading: false, error }));
    }
  };

  const unitName = (id: string) =>
    units.data?.find((u) => u.id === id)?.name ?? (units.loading ? "…" : "（未知单位）");
  const lists = LISTS.filter(
    (l) => !l.roles || l.roles.some((r) => me.staff.roles.includes(r as never)),
  );

  return (
    <>
      <h1>查找信访事项</h1>
      <form
        noValidate
        class="form search-box"
        aria-label="查找信访事项"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: typed.trim(), list: "" });
        }}
      >
        <TextField
          id="search-q"
          label="查询码、信访人姓名、手机号、身份证号，或事项内容"
          value={typed}
          onValue={setTyped}
          maxLength={100}
          hint="姓名、号码须完整；内容至少两个汉字，多个词用空格分开。"
        />
        <div class="actions">
          <button type="submit" class="button button--primary">
            查找
          </button>
        </div>
      </form>
      <nav aria-label="常用清单" class="work-lists">
        {lists.map((l) => (
          <button
            key={l.value}
            type="button"
            class="button button--small"
            aria-pressed={params.list === l.value}
            onClick={() => {
              setTyped("");
              go({ list: l.value, q: "", sort: "" });
            }}
          >
            {l.label}
          </button>
        ))}
      </nav>
      <details
        class="filters-more"
        open={Object.keys(params).some((k) => !["q", "list"].includes(k))}
      >
        <summary>更多筛选</summary>
        <form
          noValidate
          class="form--inline filters"
          onSubmit={(e) => e.preventDefault()}
          aria-label="筛选"
        >
          <SelectField
            id="search-status"
            label="状态"
            value={params.status ?? ""}
            onValue={(v) => go({ status: v })}
            options={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            placeholder="全部"
          />
          <SelectField
            id="search-channel"
            label="渠道"
            value={params.channel ?? ""}
            onValue={(v) => go({ channel: v })}
            options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
            placeholder="全部"
          />
          <SelectField
            id="search-purpose"
            label="目的"
            value={params.purpose ?? ""}
            onValue={(v) => go({ purpose: v })}
            options={Object.entries(PURPOSE_LABELS).map(([value, label]) => ({ value, label }))}
            placeholder="全部"
          />
          <SelectField
            id="search-category"
            label="类别"
            value={params.categoryCode ?? ""}
            onValue={(v) => go({ categoryCode: v })}
            options={(choices.data?.categories ?? []).map((c) => ({
              value: c.code,
              label: c.parentCode ? `　${c.name}` : c.name,
            }))}
            placeholder="全部"
          />
          <SelectField
            id="search-unit"
            label="承办单位"
            value={params.unitId ?? ""}
            onValue={(v) => go({ unitId: v })}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            placeholder="全部"
          />
          <SelectField
            id="search-owner"
            label="包案领导"
            value={params.ownerLeaderId ?? ""}
            onValue={(v) => go({ ownerLeaderId: v })}
            options={(choices.data?.leaders ?? []).map((l) => ({
              value: l.id,
              label: l.position ? `${l.displayName}（${l.position}）` : l.displayName,
            }))}
            placeholder="全部"
          />
          <TextField
            id="search-from"
            label="登记日期从"
            type="date"
            value={params.registeredFrom ?? ""}
            onValue={(v) => go({ registeredFrom: v })}
          />
          <TextField
            id="search-to"
            label="至"
            type="date"
            value={params.registeredTo ?? ""}
            onValue={(v) => go({ registeredTo: v })}
          />
          <SelectField
            id="search-repeat"
            label="初信初访"
            value={params.repeat ?? ""}
            onValue={(v) => go({ repeat: v })}
            options={[
              { value: "first", label: "初信初访" },
              { value: "repeat", label: "重复信访" },
            ]}
            placeholder="全部"
          />
          <SelectField
            id="search-above"
            label="来源"
            value={params.fromAbove ?? ""}
            onValue={(v) => go({ fromAbove: v })}
            options={[
              { value: "true", label: "上级交办、转送" },
              { value: "false", label: "本级受理" },
            ]}
            placeholder="全部"
          />
          <SelectField
            id="search-overdue"
            label="期限"
            value={params.overdue ?? ""}
            onValue={(v) => go({ overdue: v })}
            options={[{ value: "true", label: "已超期" }]}
            placeholder="全部"
          />
          <SelectField
            id="search-sort"
            label="排序"
            value={params.sort ?? ""}
            onValue={(v) => go({ sort: v })}
            options={[
              { value: "oldest", label: "登记时间早在前" },
              { value: "deadline", label: "期限近在前" },
            ]}
            placeholder="登记时间新在前"
          />
        </form>
      </details>
      <div aria-live="polite" aria-busy={results.loading}>
        {results.loading && results.items.length === 0 && <Loading what="查找结果" />}
        {hasQuery && !results.loading && !results.error && (
          <p class="muted" data-testid="search-count">
            {results.items.length === 0
              ? "没有找到您可查看的信访事项。"
              : `找到 ${results.items.length}${results.nextCursor ? "+" : ""} 件。`}
          </p>
        )}
      </div>
      <ErrorAlert error={results.error} />
      {!params.q && hasQuery && results.items.length > 0 && (
        <p class="export-links">
          导出此清单：
          <a href={exportHref(tenant, params, "xlsx")} download>
            Excel
          </a>
          {" · "}
          <a href={exportHref(tenant, params, "csv")} download>
            CSV
          </a>
        </p>
      )}
      {results.items.length > 0 && (
        <ul class="case-list" aria-label="查找结果">
          {results.items.map((item) => (
            <CaseRow
              key={item.id}
              tenant={tenant}
              item={item}
              unitName={unitName}
              badge={item.matchedBy === "filter" ? undefined : `按${MATCHED[item.matchedBy]}找到`}
            />
          ))}
        </ul>
      )}
      {results.nextCursor && (
        <p>
          <button type="button" class="button" disabled={results.loading} onClick={loadMore}>
            加载更多
          </button>
        </p>
      )}
    </>
  );
}

/** The same filtered list as a file, through the office's export (no personal data; audited). */
function exportHref(tenant: string, params: SearchParams, format: "csv" | "xlsx") {
  const query = new URLSearchParams({ source: "search", format });
  for (const [k, v] of Object.entries(params)) if (v && k !== "q") query.set(k, v);
  return `/api/v1/t/${encodeURIComponent(tenant)}/statistics/export?${query}`;
}
