import { useState } from "preact/hooks";
import {
  SUGGESTION_KIND_LABELS,
  SUGGESTION_OUTCOME_LABELS,
  SUGGESTION_OUTCOMES,
  SUGGESTION_WRITER_ROLES,
  type SuggestionOutcome,
} from "../../../../schema/reference/suggestions.ts";
import { listUnits } from "../../api/console.ts";
import { listSuggestions, type Suggestion } from "../../api/suggestions.ts";
import { formatDate, formatTrackingCode, todayCst } from "../../shared/dates.ts";
import { consolePath } from "../../shared/tenant.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { SelectField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { CreateSuggestionForm } from "../components/suggestions/CreateSuggestionForm.tsx";
import { OutcomeForm } from "../components/suggestions/OutcomeForm.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import "../components/suggestions/suggestions.css";

const OUTCOME_TAGS: Record<SuggestionOutcome, string> = {
  pending: "tag tag--warn",
  adopted: "tag tag--ok",
  partlyAdopted: "tag tag--info",
  notAdopted: "tag tag--bad",
};

/**
 * 建议登记: the suggestions the county office sent to other organs (改进工作建议、完善政策建议)
 * and whether each was adopted, which the §41 annual report counts. Its staff read it; its
 * leaders, 督办员 and administrators register suggestions and record the answers.
 */
export function SuggestionsPage() {
  const { tenant, me } = useSession();
  usePageTitle("建议登记", me.tenant.name);
  const writer = me.staff.roles.some((r) =>
    (SUGGESTION_WRITER_ROLES as readonly string[]).includes(r),
  );
  const thisYear = Number(todayCst().slice(0, 4));
  const [year, setYear] = useState("");
  const [outcome, setOutcome] = useState<SuggestionOutcome | "">("");
  const units = useAsync(() => listUnits(tenant).then((r) => r.units), tenant);
  const first = useAsync(
    () => listSuggestions(tenant, { year, outcome, limit: 30 }),
    `${tenant}/${year}/${outcome}`,
  );
  const [more, setMore] = useState<{ items: Suggestion[]; cursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.cursor : first.data?.nextCursor;
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? "（单位）";
  const replace = (s: Suggestion) => {
    first.setData((d) => ({
      items: (d?.items ?? []).map((x) => (x.id === s.id ? s : x)),
      nextCursor: d?.nextCursor ?? null,
    }));
    setMore((m) => m && { ...m, items: m.items.map((x) => (x.id === s.id ? s : x)) });
  };
  const filter = (apply: () => void) => {
    setMore(null);
    setEditing(null);
    apply();
  };
  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listSuggestions(tenant, { year, outcome, limit: 30, cursor: next });
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], cursor: page.nextCursor }));
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <h1>建议登记</h1>
      <p class="lead">
        信访部门向有关机关、单位提出的改进工作建议和完善政策建议，以及对方的采纳情况。
        <a href={consolePath(tenant, "/statistics/annual-report")}>年度报告</a>
        第三部分按发出日期所在年度统计。
      </p>
      {writer && (
        <CreateSuggestionForm
          tenant={tenant}
          units={units.data ?? []}
          onCreated={(s) => {
            setStatus(null);
            // A new suggestion shows at once when the filters would list it.
            if ((!year || s.sentOn.startsWith(year)) && (!outcome || outcome === "pending")) {
              first.setData((d) => ({
                items: [s, ...(d?.items ?? [])].sort(
                  (a, b) => b.sentOn.localeCompare(a.sentOn) || b.id.localeCompare(a.id),
                ),
                nextCursor: d?.nextCursor ?? null,
              }));
            }
          }}
        />
      )}
      <ErrorAlert error={units.error} />
      <h2 id="sg-list-title">已登记的建议</h2>
      <form noValidate class="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="筛选建议">
        <SelectField
          id="sg-filter-year"
          label="发出年度"
          value={year}
          onValue={(v) => filter(() => setYear(v))}
          options={[
            { value: "", label: "全部年度" },
            ...Array.from({ length: 6 }, (_, i) => String(thisYear - i)).map((y) => ({
              value: y,
              label: `${y} 年`,
            })),
          ]}
        />
        <SelectField
          id="sg-filter-outcome"
          label="采纳情况"
          value={outcome}
          onValue={(v) => filter(() => setOutcome(v as SuggestionOutcome | ""))}
          options={[
            { value: "", label: "全部" },
            ...SUGGESTION_OUTCOMES.map((o) => ({ value: o, label: SUGGESTION_OUTCOME_LABELS[o] })),
          ]}
        />
      </form>
      <p role="status" class={status ? "alert alert--success" : "visually-hidden"}>
        {status ?? ""}
      </p>
      <ErrorAlert error={first.error} />
      {first.loading && !first.data && <Loading what="建议" />}
      {first.data && items.length === 0 && <p>没有符合条件的建议。</p>}
      {items.length > 0 && (
        <ul class="sv-list" aria-labelledby="sg-list-title">
          {items.map((s) => (
            <li key={s.id}>
              <article
                class={`sv-card${s.outcome === "pending" ? " sv-card--open" : ""}`}
                aria-labelledby={`sg-${s.id}-title`}
              >
                <div class="sv-card__head">
                  <h3 id={`sg-${s.id}-title`}>{s.title}</h3>
                  <span class={OUTCOME_TAGS[s.outcome]}>
                    {SUGGESTION_OUTCOME_LABELS[s.outcome]}
                  </span>
                </div>
                <p class="hint">
                  {SUGGESTION_KIND_LABELS[s.kind]} · 报送{unitName(s.unitId)} ·{" "}
                  {formatDate(s.sentOn)}
                  发出
                  {s.relatedCase && (
                    <>
                      {" · 相关案件 "}
                      <a href={consolePath(tenant, `/petitions/${s.relatedCase.id}`)}>
                        {formatTrackingCode(s.relatedCase.trackingCode)}
                      </a>
                    </>
                  )}
                </p>
                <p class="sg-content">{s.content}</p>
                {s.answeredOn && (
                  <p>
                    {formatDate(s.answeredOn)}反馈：{SUGGESTION_OUTCOME_LABELS[s.outcome]}
                    {s.outcomeNote ? `。${s.outcomeNote}` : ""}
                  </p>
                )}
                {writer &&
                  (editing === s.id ? (
                    <OutcomeForm
                      tenant={tenant}
                      suggestion={s}
                      onCancel={() => setEditing(null)}
                      onSaved={(saved) => {
                        replace(saved);
                        setEditing(null);
                        setStatus(
                          `已记录反馈：${saved.title}（${SUGGESTION_OUTCOME_LABELS[saved.outcome]}）`,
                        );
                      }}
                    />
                  ) : (
                    <div class="actions">
                      <button type="button" class="button" onClick={() => setEditing(s.id)}>
                        {s.outcome === "pending" ? "记录反馈" : "修改反馈"}
                        <span class="visually-hidden">：{s.title}</span>
                      </button>
                    </div>
                  ))}
              </article>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={moreError} />
      {next && (
        <p>
          <button
            type="button"
            class="button"
            onClick={() => void loadMore()}
            disabled={loadingMore}
            aria-busy={loadingMore}
          >
            加载更多
          </button>
        </p>
      )}
    </>
  );
}
