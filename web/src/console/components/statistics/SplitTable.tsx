import type { Split } from "../../../api/statistics.ts";

/**
 * One split of the period's cases (by channel, unit, category …) with a button per row that
 * opens the cases behind it.
 */
export function SplitTable({
  caption,
  heading,
  rows,
  label,
  onOpen,
}: {
  caption: string;
  heading: string;
  rows: Split[];
  label: (value: string) => string;
  onOpen?: (value: string, title: string) => void;
}) {
  if (rows.length === 0) {
    return <p class="hint">{caption}：本期间暂无数据。</p>;
  }
  return (
    <div class="table-scroll">
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">批次</th>
            <th scope="col">人次</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.value}>
              <th scope="row">{label(r.value)}</th>
              <td>
                {onOpen ? (
                  <button
                    type="button"
                    class="link"
                    aria-label={`查看${label(r.value)}的 ${r.batches} 件信访事项`}
                    onClick={() => onOpen(r.value, `${caption}：${label(r.value)}`)}
                  >
                    {r.batches}
                  </button>
                ) : (
                  r.batches
                )}
              </td>
              <td>{r.persons}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
