import { useState } from "preact/hooks";
import { NATIONAL_CATEGORIES } from "../../../../schema/reference/categories.ts";
import { BACKLOG_REASON_LABELS } from "../../../../schema/reference/oversight.ts";
import { listUnits } from "../../api/console.ts";
import { type BacklogCase, listBacklog } from "../../api/oversight.ts";
import { formatDate, formatTrackingCode } from "../../shared/dates.ts";
import { STATUS_LABELS } from "../../shared/petition-labels.ts";
import { consolePath } from "../../shared/tenant.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { Loading } from "../components/Loading.tsx";
import { AnalysisLinks } from "../components/statistics/AnalysisLinks.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import "../components/statistics/statistics.css";

const CATEGORY_NAMES = new Map(NATIONAL_CATEGORIES.map((c) => [c.code, c.name]));

/**
 * 积案: cases open beyond the county's days, and those petitioned again after re-review,
 * oldest first, with the leader who owns each. Only the cases the signed-in person may
 * see are listed; the count on 统计分析 includes the rest.
 */
export function BacklogPage() {
  const { tenant, me } = useSession();
  usePageTitle("积案", me.tenant.name);
  const units = useAsync(() => listUnits(tenant).then((r) => r.units), tenant);
  const first = useAsync(() => listBacklog(tenant, { limit: 50 }), tenant);
  const [more, setMore] = useState<BacklogCase[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const next = cursor === undefined ? first.data?.nextCursor : cursor;
  const items = [...(first.data?.items ?? []), ...more];
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? "（单位）";

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listBacklog(tenant, { limit: 50, cursor: next });
      setMore((old) => [...old, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <h1>积案</h1>
      <AnalysisLinks tenant={tenant} current="backlog" />
      {first.data && (
        <p class="lead">
          自收到之日起超过 {first.data.backlogDays}{" "}
          天仍未办结的事项，以及复核后再次信访的事项，按收到日期从早到晚排列。
        </p>
      )}
      <ErrorAlert error={first.error} />
      {first.loading && !first.data && <Loading what="积案" />}
      {first.data && items.length === 0 && <p>没有您可查看的积案。</p>}
      {items.length > 0 && (
        <div class="table-scroll">
          <table class="table">
            <caption>已列出 {items.length} 件（仅含您有权查看的事项）</caption>
            <thead>
              <tr>
                <th scope="col">查询码</th>
                <th scope="col">收到日期</th>
                <th scope="col">已过天数</th>
                <th scope="col">积案原因</th>
                <th scope="col">内容分类</th>
                <th scope="col">承办单位</th>
                <th scope="col">包案领导</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={consolePath(tenant, `/petitions/${c.id}`)}>
                      {formatTrackingCode(c.trackingCode)}
                    </a>
                  </th>
                  <td>{formatDate(c.receivedOn)}</td>
                  <td>{c.daysOpen}</td>
                  <td>{c.reasons.map((r) => BACKLOG_REASON_LABELS[r]).join("、")}</td>
                  <td>{CATEGORY_NAMES.get(c.categoryCode) ?? c.categoryCode}</td>
                  <td>{unitName(c.responsibleUnitId)}</td>
                  <td>{c.ownerLeader?.name || "未确定"}</td>
                  <td>{STATUS_LABELS[c.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
