import { useEffect, useState } from "preact/hooks";
import type { ReviewListItem, ReviewReason } from "../../../../schema/api/casework.ts";
import { finishReview, listReviewList } from "../../api/casework.ts";
import { listUnits } from "../../api/console.ts";
import { formatTrackingCode } from "../../shared/dates.ts";
import { formatDateTime } from "../../shared/format.ts";
import { ErrorAlert, fieldErrors } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import { CaseRow } from "./Work.tsx";

const REASONS: Record<ReviewReason, string> = {
  unsatisfied: "评价不满意",
  petitionedAgain: "再次信访",
};

interface ListState {
  items: ReviewListItem[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
}

/**
 * 逐案评查: every case the petitioner rated 不满意 or petitioned about again, newest first,
 * for the county office to review case by case. Only cases the reader may see are listed.
 */
export function ReviewListPage() {
  const { tenant, me } = useSession();
  usePageTitle("逐案评查", me.tenant.name);
  const units = useAsync(() => listUnits(tenant).then((u) => u.units), tenant);
  const [list, setList] = useState<ListState>({
    items: [],
    nextCursor: null,
    loading: true,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const [finished, setFinished] = useState<string | null>(null);

  const load = async (cursor?: string) => {
    setList((l) => ({ ...l, loading: true, error: null }));
    try {
      const page = await listReviewList(tenant, cursor);
      setList((l) => ({
        items: cursor ? [...l.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
        loading: false,
        error: null,
      }));
    } catch (error) {
      setList((l) => ({ ...l, loading: false, error }));
    }
  };

  useEffect(() => {
    void load();
  }, [tenant, attempt]);

  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? "—";
  return (
    <>
      <h1>逐案评查</h1>
      <p class="lead">信访人评价不满意或再次信访的事项，逐案评查办理质量。</p>
      <p role="status" class={finished ? "alert alert--success" : "visually-hidden"}>
        {finished && `${formatTrackingCode(finished)} 已评查完毕，移出评查名单。`}
      </p>
      <div aria-live="polite" aria-busy={list.loading}>
        {list.items.length === 0 && list.loading && <Loading what="评查事项" />}
        {list.items.length === 0 && !list.loading && !list.error && (
          <p class="muted">暂无需要评查的信访事项。</p>
        )}
      </div>
      {list.items.length > 0 && (
        <ul class="case-list" aria-label="评查事项" data-testid="review-list">
          {list.items.map((item) => (
            <CaseRow
              key={item.id}
              tenant={tenant}
              item={item}
              unitName={unitName}
              badge={`${REASONS[item.reviewReason]} · ${formatDateTime(item.listedAt)} 列入`}
            >
              <FinishReview
                tenant={tenant}
                item={item}
                onDone={() => {
                  setList((l) => ({ ...l, items: l.items.filter((i) => i.id !== item.id) }));
                  setFinished(item.trackingCode);
                }}
              />
            </CaseRow>
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
          <button
            type="button"
            class="button"
            disabled={list.loading}
            onClick={() => void load(list.nextCursor ?? undefined)}
          >
            加载更多
          </button>
        </p>
      )}
    </>
  );
}

/** 评查完毕: a short conclusion, recorded on the case's timeline; the case leaves the list. */
function FinishReview({
  tenant,
  item,
  onDone,
}: {
  tenant: string;
  item: ReviewListItem;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const code = formatTrackingCode(item.trackingCode);
  if (!open) {
    return (
      <p class="actions">
        <button
          type="button"
          class="button button--small"
          aria-label={`评查完毕 ${code}`}
          onClick={() => setOpen(true)}
        >
          评查完毕
        </button>
      </p>
    );
  }
  const id = `review-conclusion-${item.id}`;
  const submit = async () => {
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await finishReview(tenant, item.id, { conclusion: text.trim() });
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <form
      noValidate
      class="form"
      aria-label={`评查完毕 ${code}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextField
        id={id}
        label="评查结论"
        hint="简要写明办理质量的评查意见，记入该事项的办理过程。"
        multiline
        maxLength={500}
        value={text}
        onValue={(v) => {
          setText(v);
          if (v.trim()) setMissing(false);
        }}
        error={missing ? "请填写评查结论" : fieldErrors(error).conclusion}
      />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          确认评查完毕
        </button>
        <button type="button" class="button" disabled={busy} onClick={() => setOpen(false)}>
          取消
        </button>
      </div>
      <ErrorAlert error={error} labels={{ conclusion: "评查结论" }} />
    </form>
  );
}
