import type { ChannelsView } from "../../../../../schema/api/notifications.ts";
import { ChannelCard } from "./ChannelCard.tsx";
import { channelSpecs } from "./channel-specs.ts";
import type { Saved } from "./save.ts";

export function ChannelsSection({
  tenant,
  channels,
  onSaved,
}: {
  tenant: string;
  channels: ChannelsView;
  onSaved: Saved;
}) {
  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title">发送渠道</h2>
      <p class="hint">密钥只写不读：页面只显示末尾几位；留空即保持原密钥不变。站内消息无需配置。</p>
      <div class="channel-grid">
        {channelSpecs(channels).map((spec) => (
          <ChannelCard key={spec.key} tenant={tenant} spec={spec} onSaved={onSaved} />
        ))}
      </div>
    </section>
  );
}
