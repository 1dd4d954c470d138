import { useEffect, useRef, useState } from "preact/hooks";
import type { StatisticsTrend } from "../../../api/statistics.ts";

/**
 * Twelve months of received batches as a line, drawn by uPlot (~23 KB gzipped), which is
 * fetched only when this chart is first shown. The table beside it carries the same numbers
 * for screen readers and for anyone who prefers to read them.
 */
export function TrendChart({ trend }: { trend: StatisticsTrend["items"] }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el || trend.length === 0) return;
    let chart: { destroy(): void } | null = null;
    let live = true;
    Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")]).then(
      ([{ default: UPlot }]) => {
        if (!live) return;
        const xs = trend.map((_, i) => i);
        chart = new UPlot(
          {
            width: Math.max(280, Math.min(el.clientWidth || 600, 720)),
            height: 220,
            legend: { show: false },
            scales: { x: { time: false } },
            axes: [
              {
                values: (_u: unknown, ticks: number[]) =>
                  ticks.map((t) => trend[t]?.month.slice(2).replace("-", "/") ?? ""),
              },
              {},
            ],
            series: [
              {},
              { label: "批次", stroke: "#1f5fa8", width: 2, points: { show: true } },
              { label: "人次", stroke: "#b45309", width: 2, dash: [6, 4] },
            ],
          },
          [xs, trend.map((t) => t.batches), trend.map((t) => t.persons)],
          el,
        );
      },
      (err: unknown) => {
        console.error(err);
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [trend]);

  return (
    <div class="trend">
      {failed ? (
        <p class="hint">趋势图加载失败，请查看下表。</p>
      ) : (
        <div ref={box} class="trend-chart" aria-hidden="true" />
      )}
      <table class="table">
        <caption>近 {trend.length} 个月收到的信访事项</caption>
        <thead>
          <tr>
            <th scope="col">月份</th>
            <th scope="col">批次</th>
            <th scope="col">人次</th>
          </tr>
        </thead>
        <tbody>
          {trend.map((t) => (
            <tr key={t.month}>
              <th scope="row">{t.month}</th>
              <td>{t.batches}</td>
              <td>{t.persons}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
