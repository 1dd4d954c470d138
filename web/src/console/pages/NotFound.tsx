import { usePageTitle } from "../hooks.ts";

export function NotFoundPage() {
  usePageTitle("页面不存在");
  return (
    <>
      <h1>页面不存在</h1>
      <p>您访问的页面不存在，可能网址有误。</p>
    </>
  );
}

/** For URLs outside any county's console, where there is no shell around the page. */
export function NotFoundDocument() {
  usePageTitle("页面不存在");
  return (
    <main id="main" class="page page--narrow">
      <h1>页面不存在</h1>
      <p>网址中没有有效的县级行政区划代码，或页面不存在。</p>
      <p>
        <a href="/">返回连心桥首页</a>
      </p>
    </main>
  );
}
