export function Loading({ what = "数据" }: { what?: string }) {
  return (
    <p class="muted" role="status">
      正在加载{what}…
    </p>
  );
}
