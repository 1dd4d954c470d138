import { useEffect, useRef } from "preact/hooks";
import type { Petition } from "../../../../../schema/api/petitions.ts";
import type { Unit } from "../../../../../schema/api/units.ts";
import { formatDate, formatTrackingCode } from "../../../shared/dates.ts";
import { formatDateTime } from "../../../shared/format.ts";
import { deadlineLabel } from "../../../shared/petition-labels.ts";
import { consolePath } from "../../../shared/tenant.ts";
import { useSession } from "../../session.ts";
import { Flags } from "./Flags.tsx";

interface Props {
  petition: Petition;
  units: readonly Unit[];
  onNext: () => void;
}

export function RegisteredResult({ petition, units, onNext }: Props) {
  const { tenant } = useSession();
  const heading = useRef<HTMLHeadingElement>(null);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? "（未知单位）";

  useEffect(() => heading.current?.focus(), []);

  return (
    <section class="card" aria-labelledby="registered-title">
      <h2 id="registered-title" ref={heading} tabindex={-1}>
        已登记
      </h2>
      <p>
        {formatDateTime(petition.registeredAt)} 登记，内容分类：{petition.categoryName}
        {petition.confidential && <span class="tag tag--secret"> 保密</span>}
      </p>
      <div class="code-box">
        <dl class="code-box__pair">
          <dt class="code-box__label">查询码</dt>
          <dd class="code-box__code" data-testid="tracking-code" data-code={petition.trackingCode}>
            {formatTrackingCode(petition.trackingCode)}
          </dd>
        </dl>
        <p class="hint">
          请将查询码书面告知信访人：凭查询码和登记的手机号码后四位，可以查询办理进度并对办理结果进行评价。
        </p>
      </div>
      <h3>登记提示</h3>
      <Flags tenant={tenant} petition={petition} unitName={unitName} />
      {petition.nextDeadline && (
        <p>
          下一个期限：{deadlineLabel(petition.nextDeadline.key)}，
          {formatDate(petition.nextDeadline.due)}
        </p>
      )}
      <div class="actions">
        <a
          class="button button--primary"
          href={consolePath(tenant, `/petitions/${encodeURIComponent(petition.id)}`)}
        >
          打开案件
        </a>
        <button type="button" class="button" onClick={onNext}>
          继续登记
        </button>
      </div>
    </section>
  );
}
