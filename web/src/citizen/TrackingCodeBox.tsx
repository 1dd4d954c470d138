import { useRef, useState } from "preact/hooks";
import { formatTrackingCode } from "../shared/dates.ts";

/** The 查询码, large, in groups of four for reading aloud, with a copy button. */
export function TrackingCodeBox({ code }: { code: string }) {
  const [status, setStatus] = useState("");
  const codeRef = useRef<HTMLElement>(null);
  const shown = formatTrackingCode(code);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setStatus("已复制查询码");
    } catch {
      // Older browsers or a page without clipboard permission: select it for manual copying.
      const node = codeRef.current;
      const selection = window.getSelection();
      if (node && selection) {
        const range = document.createRange();
        range.selectNodeContents(node);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setStatus("请长按或按 Ctrl+C 复制已选中的查询码");
    }
  };

  return (
    <div class="code-box">
      <dl class="code-box__pair">
        <dt class="code-box__label">查询码</dt>
        <dd ref={codeRef} class="code-box__code" data-testid="tracking-code" data-code={code}>
          {shown}
        </dd>
      </dl>
      <p class="actions">
        <button type="button" class="button" onClick={copy}>
          复制查询码
        </button>
      </p>
      <p role="status" class="hint">
        {status}
      </p>
    </div>
  );
}
