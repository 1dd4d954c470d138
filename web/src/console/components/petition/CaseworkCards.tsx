import type { z } from "@hono/zod-openapi";
import { useState } from "preact/hooks";
import type { JointHandling } from "../../../../../schema/api/casework.ts";
import type { Petition } from "../../../../../schema/api/petitions.ts";
import type { Unit } from "../../../../../schema/api/units.ts";
import { request, seg } from "../../../api/client.ts";
import { formatDate } from "../../../shared/dates.ts";
import { formatDateTime } from "../../../shared/format.ts";
import { labelOf, SOURCE_LEVEL_LABELS } from "../../../shared/petition-labels.ts";
import { NoticeTimeline } from "../../../shared/ui/NoticeTimeline.tsx";
import { useAsync } from "../../hooks.ts";
import type { Lookup } from "../../lookup.ts";
import { useSession } from "../../session.ts";
import { ErrorAlert, fieldErrors } from "../ErrorAlert.tsx";
import { SelectField, TextField } from "../Field.tsx";

type PetitionView = z.infer<typeof Petition>;

/** 告知记录: what the petitioner was told, when and how. */
export function NoticeRecord({ petition }: { petition: PetitionView }) {
  const notices = petition.notices ?? [];
  return (
    <section class="card" aria-labelledby="notices-title" data-testid="notice-record">
      <h2 id="notices-title">告知记录</h2>
      {!petition.noticeOwed && (
        <p class="muted">信访人姓名或住址不清，依照第二十三条不负告知期限。</p>
      )}
      <NoticeTimeline notices={notices} inAppLabel="查询页" />
    </section>
  );
}

/** 主办/协办: the assisting units, their opinions, and the forms to add either. */
export function JointHandlingCard({
  tenant,
  petition,
  units,
  lookup,
}: {
  tenant: string;
  petition: PetitionView;
  units: readonly Unit[];
  lookup: Lookup;
}) {
  const { me } = useSession();
  const base = `/api/v1/t/${seg(tenant)}/petitions/${seg(petition.id)}`;
  const joint = useAsync(() => request<JointHandling>("GET", `${base}/joint-handling`), base);
  const [unitId, setUnitId] = useState("");
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const data = joint.data;
  if (!data) return null;
  const assisting = data.assistingUnitIds.includes(me.unit.id);
  const mayAdd =
    !petition.confidential &&
    (me.unit.id === petition.responsibleUnitId || me.unit.kind === "county");

  const post = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const next = await request<JointHandling>("POST", `${base}/${path}`, body);
      joint.setData(() => next);
      setText("");
      setUnitId("");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  const candidates = units.filter(
    (u) =>
      u.kind !== "county" &&
      u.id !== petition.responsibleUnitId &&
      u.id !== petition.subjectUnitId &&
      !data.assistingUnitIds.includes(u.id),
  );

  return (
    <section class="card" aria-labelledby="joint-title" data-testid="joint-handling">
      <h2 id="joint-title">主办与协办</h2>
      <dl class="facts">
        <dt>主办单位</dt>
        <dd>{lookup.unitName(data.leadUnitId)}</dd>
        <dt>协办单位</dt>
        <dd>
          {data.assistingUnitIds.length === 0
            ? "无"
            : data.assistingUnitIds.map((id) => lookup.unitName(id)).join("、")}
        </dd>
      </dl>
      {data.opinions.length > 0 && (
        <ul class="timeline">
          {data.opinions.map((o, i) => (
            <li key={`${o.at}-${i}`} class="timeline__item">
              <p class="timeline__head">
                <time dateTime={o.at}>{formatDateTime(o.at)}</time>
                <strong>{lookup.unitName(o.unitId)}协办意见</strong>
              </p>
              <p>{o.text}</p>
            </li>
          ))}
        </ul>
      )}
      {mayAdd && candidates.length > 0 && (
        <form
          noValidate
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (unitId) void post("assisting-units", { unitId });
          }}
        >
          <SelectField
            id="joint-unit"
            label="增加协办单位"
            value={unitId}
            onValue={setUnitId}
            options={candidates.map((u) => ({ value: u.id, label: u.name }))}
            placeholder="请选择"
            error={errors.unitId}
          />
          <div class="actions">
            <button type="submit" class="button" disabled={busy || !unitId}>
              确认协办单位
            </button>
          </div>
        </form>
      )}
      {assisting && (
        <form
          noValidate
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) void post("opinions", { text: text.trim() });
          }}
        >
          <TextField
            id="joint-opinion"
            label="协办意见"
            multiline
            maxLength={2000}
            value={text}
            onValue={setText}
            error={errors.text}
          />
          <div class="actions">
            <button type="submit" class="button" disabled={busy || !text.trim()}>
              提交协办意见
            </button>
          </div>
        </form>
      )}
      <ErrorAlert error={error} labels={{ unitId: "协办单位", text: "协办意见" }} />
    </section>
  );
}

/** 上级交办/转送: where it came from, the upstream deadline, and the 办结报告 owed upward. */
export function FromAboveFacts({
  fromAbove: f,
}: {
  fromAbove: NonNullable<Petition["fromAbove"]>;
}) {
  return (
    <>
      <dt>上级来文</dt>
      <dd data-testid="from-above">
        {labelOf(SOURCE_LEVEL_LABELS, f.level)}交办 · {f.reference}
        {f.due && `（上级期限 ${formatDate(f.due)}）`}
      </dd>
      <dt>办结报告</dt>
      <dd data-testid="upward-report">
        {f.reportedOn ? `已于 ${formatDate(f.reportedOn)} 向上级报送` : "尚未向上级报送"}
      </dd>
    </>
  );
}
