import type { Outcome, WrittenReply } from "../../../../schema/api/petitions.ts";
import { formatDate } from "../dates.ts";
import { labelOf, OUTCOME_LABELS, REPLY_STAGE_LABELS } from "../petition-labels.ts";

interface Props {
  reply: Omit<WrittenReply, "unitId">;
  unitName: string;
  headingLevel?: 2 | 3;
}

const OUTCOME_CLASS: Record<Outcome, string> = {
  support: "tag tag--ok",
  explain: "tag",
  reject: "tag tag--bad",
};

/** The written decision (§32): the request, facts and reasons, decision and legal basis. */
export function ReplyView({ reply, unitName, headingLevel = 2 }: Props) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const title = labelOf(REPLY_STAGE_LABELS, reply.stage);
  return (
    <section class="card" aria-labelledby="reply-title" data-testid="reply">
      <Heading id="reply-title">{title}</Heading>
      <dl class="facts">
        <dt>出具单位</dt>
        <dd>{unitName}</dd>
        <dt>出具日期</dt>
        <dd>{formatDate(reply.on)}</dd>
        <dt>信访请求</dt>
        <dd>{reply.request}</dd>
        <dt>事实和理由</dt>
        <dd>{reply.factsAndReasons}</dd>
        <dt>处理意见</dt>
        <dd>{reply.decision}</dd>
        <dt>法律依据</dt>
        <dd>{reply.legalBasis}</dd>
        <dt>处理结果</dt>
        <dd>
          <span class={OUTCOME_CLASS[reply.outcome] ?? "tag"}>
            {labelOf(OUTCOME_LABELS, reply.outcome)}
          </span>
        </dd>
      </dl>
    </section>
  );
}
