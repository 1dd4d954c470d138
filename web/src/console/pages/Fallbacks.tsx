import { usePageTitle } from "../hooks.ts";

export function Forbidden({ who = "系统管理员" }: { who?: string }) {
  usePageTitle("无权访问");
  return (
    <>
      <h1>无权访问</h1>
      <p>此页面仅限{who}使用。如需开通权限，请联系本县系统管理员。</p>
    </>
  );
}

export function ChunkFailed() {
  usePageTitle("页面加载失败");
  return (
    <>
      <h1>页面加载失败</h1>
      <p role="alert">页面文件未能下载，可能是网络中断或系统刚刚更新。</p>
      <p>
        <button type="button" class="button" onClick={() => location.reload()}>
          刷新页面
        </button>
      </p>
    </>
  );
}
