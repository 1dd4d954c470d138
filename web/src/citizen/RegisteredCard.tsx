import { trackPath } from "../shared/tenant.ts";

/** What the citizen keeps after the visit: the case's tracking code and how to follow it. */
export function RegisteredCard({
  tenant,
  registered,
}: {
  tenant: string;
  registered: { trackingCode: string; receivedOn: string };
}) {
  return (
    <section class="card" aria-labelledby="registered-title" data-testid="registered">
      <h2 id="registered-title">您反映的问题已登记</h2>
      <p>
        接待时登记的信访事项查询码（已发送短信到您的手机）：
        <strong class="code-box__code" data-testid="registered-code">
          {registered.trackingCode}
        </strong>
      </p>
      <p>
        请妥善保管查询码。凭查询码和手机号后四位，可随时在“查询办理进度”中查看受理、办理情况和答复意见，办结后还可以评价。
      </p>
      <p>
        <a
          class="button button--primary"
          href={`${trackPath(tenant)}?code=${registered.trackingCode}`}
        >
          查询办理进度
        </a>
      </p>
    </section>
  );
}
