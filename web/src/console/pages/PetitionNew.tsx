import { useEffect, useState } from "preact/hooks";
import type { GroupVisitRules } from "../../../../schema/api/calendar.ts";
import type {
  Channel,
  CheckPetitionBody,
  CreatePetitionBody,
  Petition,
  Purpose,
} from "../../../../schema/api/petitions.ts";
import type { CategoryCatalog } from "../../../../schema/api/reference.ts";
import type { Unit } from "../../../../schema/api/units.ts";
import { representativesAllowed } from "../../../../schema/reference/group-visit.ts";
import { getDeadlinePolicy } from "../../api/casework.ts";
import { listUnits } from "../../api/console.ts";
import { createPetition, getCategories } from "../../api/petitions.ts";
import { addDaysIso, todayCst } from "../../shared/dates.ts";
import { checkIdNumber, checkMobile } from "../../shared/id-number.ts";
import { CHANNEL_LABELS } from "../../shared/petition-labels.ts";
import { ClassificationFields, purposeOptions } from "../../shared/ui/ClassificationFields.tsx";
import { entryFormKeyDown } from "../../shared/ui/keyboard.ts";
import {
  EMPTY_MATERIAL,
  focusFirstProblem,
  MATERIAL_LABELS,
  MaterialFields,
  type MaterialForm,
  materialBody,
  materialProblems,
} from "../../shared/ui/MaterialFields.tsx";
import { RadioGroup } from "../../shared/ui/RadioGroup.tsx";
import { ErrorAlert, fieldErrors } from "../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../components/Field.tsx";
import { FormProblems } from "../components/FormProblems.tsx";
import { Loading } from "../components/Loading.tsx";
import {
  EMPTY_FROM_ABOVE,
  FROM_ABOVE_LABELS,
  FromAboveFields,
  type FromAboveForm,
  fromAboveBody,
  fromAboveProblems,
} from "../components/petition/FromAboveFields.tsx";
import { IntakeWarnings, useIntakeCheck } from "../components/petition/IntakeCheck.tsx";
import { RegisteredResult } from "../components/petition/RegisteredResult.tsx";
import { type Representative, Representatives } from "../components/Representatives.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import { unitOptions } from "../units.ts";

const LABELS: Record<string, string> = {
  channel: "来源渠道",
  purpose: "信访目的",
  categoryCode: "内容分类",
  receivedAt: "收到日期",
  "petitioner.name": "姓名",
  "petitioner.idNumber": "身份证号码",
  "petitioner.phone": "手机号码",
  "petitioner.address": "住址",
  headcount: "人数",
  subjectUnitId: "被反映单位",
  subjectText: "被反映单位或个人",
  representatives: "集体访代表",
  ...FROM_ABOVE_LABELS,
  ...MATERIAL_LABELS,
};

interface Person {
  anonymous: boolean;
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

const EMPTY_PERSON: Person = { anonymous: false, name: "", idNumber: "", phone: "", address: "" };

export function PetitionNewPage() {
  const { tenant, me } = useSession();
  usePageTitle("登记信访", me.tenant.name);
  const data = useAsync(
    () =>
      Promise.all([getCategories(tenant), listUnits(tenant), getDeadlinePolicy(tenant)]).then(
        ([catalog, u, policy]) => ({ catalog, units: u.units, groupVisit: policy.groupVisit }),
      ),
    tenant,
  );
  const [created, setCreated] = useState<Petition | null>(null);
  const [round, setRound] = useState(0);

  return (
    <>
      <h1>登记信访</h1>
      <ErrorAlert error={data.error} />
      {data.data === undefined && data.loading && <Loading what="登记表" />}
      {data.data !== undefined &&
        (created ? (
          <RegisteredResult
            petition={created}
            units={data.data.units}
            onNext={() => {
              setCreated(null);
              setRound((n) => n + 1);
            }}
          />
        ) : (
          <IntakeForm
            key={round}
            tenant={tenant}
            catalog={data.data.catalog}
            units={data.data.units}
            groupVisit={data.data.groupVisit}
            onCreated={setCreated}
          />
        ))}
    </>
  );
}

interface FormProps {
  tenant: string;
  catalog: CategoryCatalog;
  units: readonly Unit[];
  /** The county's §20 numbers: representatives by headcount, and the group-visit alert. */
  groupVisit: GroupVisitRules;
  onCreated: (petition: Petition) => void;
}

function IntakeForm({ tenant, catalog, units, groupVisit, onCreated }: FormProps) {
  const today = todayCst();
  const [channel, setChannel] = useState<Channel>("visit");
  const [purpose, setPurpose] = useState<Purpose | "">("");
  const [categoryCode, setCategoryCode] = useState("");
  const [receivedAt, setReceivedAt] = useState(today);
  const [person, setPerson] = useState<Person>(EMPTY_PERSON);
  const [headcount, setHeadcount] = useState("1");
  const [representatives, setRepresentatives] = useState<Representative[]>([]);
  const [material, setMaterial] = useState<MaterialForm>(EMPTY_MATERIAL);
  const [subjectUnitId, setSubjectUnitId] = useState("");
  const [subjectText, setSubjectText] = useState("");
  const [fromAbove, setFromAbove] = useState<FromAboveForm>(EMPTY_FROM_ABOVE);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Ready for typing: the clerk starts on the first choice without reaching for the mouse.
  useEffect(() => {
    document.querySelector<HTMLInputElement>('input[name="intake-channel"]:checked')?.focus();
  }, []);

  const setP = (key: keyof Person) => (value: string) => setPerson((p) => ({ ...p, [key]: value }));
  const touch = (key: string) => () => setTouched((t) => ({ ...t, [key]: true }));

  const channels = catalog.channels.length
    ? catalog.channels
    : (Object.keys(CHANNEL_LABELS) as Channel[]).map((code) => ({
        code,
        label: CHANNEL_LABELS[code],
      }));
  const purposes = purposeOptions(catalog);

  // Inline checks: a number still being typed is not an error until the field is left.
  const id = checkIdNumber(person.idNumber);
  const idError =
    id.state === "invalid" || (id.state === "partial" && touched.idNumber) ? id.message : undefined;
  const mobile = checkMobile(person.phone);
  const mobileError =
    mobile.state === "invalid" || (mobile.state === "partial" && touched.phone)
      ? mobile.message
      : undefined;

  // Repeat / §19 / skip-level hints while the visitor is still at the desk.
  const checkBody: CheckPetitionBody | null =
    categoryCode && !person.anonymous && (id.state === "valid" || mobile.state === "valid")
      ? {
          categoryCode,
          ...(id.state === "valid" && { idNumber: id.value }),
          ...(mobile.state === "valid" && { phone: mobile.value }),
          ...(subjectUnitId && { subjectUnitId }),
        }
      : null;
  const intakeCheck = useIntakeCheck(tenant, checkBody);
  const unitName = (unitId: string) => units.find((u) => u.id === unitId)?.name ?? "（未知单位）";

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const problems: Record<string, string> = {};
    if (!purpose) problems.purpose = "请选择信访目的";
    if (!categoryCode) problems.categoryCode = "请选择内容分类（小类）";
    if (!person.anonymous) {
      if (!person.name.trim()) problems["petitioner.name"] = "请填写信访人姓名，或勾选匿名";
      if (id.state === "invalid" || id.state === "partial") {
        problems["petitioner.idNumber"] = id.message;
      }
      if (mobile.state === "invalid" || mobile.state === "partial") {
        problems["petitioner.phone"] = mobile.message;
      }
    }
    Object.assign(problems, materialProblems(material), fromAboveProblems(fromAbove, today));
    const people = Number(headcount);
    const allowed = representativesAllowed(groupVisit, people);
    const named = representatives.filter((r) => r.name.trim()).length;
    if (people >= 2 && named > allowed) {
      problems.representatives = `${people} 人来访，代表不超过 ${allowed} 人（第二十条）`;
    }
    setLocal(problems);
    setTouched((t) => ({ ...t, idNumber: true, phone: true }));
    if (focusFirstProblem("intake", problems, purposes[0]?.code)) return;

    const body: CreatePetitionBody = {
      channel,
      purpose: purpose as Purpose,
      categoryCode,
      receivedAt,
      ...materialBody(material),
    };
    if (person.anonymous) body.anonymous = true;
    else {
      body.petitioner = { name: person.name.trim() };
      if (id.state === "valid") body.petitioner.idNumber = id.value;
      if (mobile.state === "valid") body.petitioner.phone = mobile.value;
      if (person.address.trim()) body.petitioner.address = person.address.trim();
    }
    const count = Number(headcount);
    if (Number.isInteger(count) && count >= 1) body.headcount = count;
    const reps = representatives
      .filter((r) => r.name.trim())
      .map((r) => ({ name: r.name.trim(), ...(r.phone.trim() && { phone: r.phone.trim() }) }));
    if (count >= 2 && reps.length > 0) body.representatives = reps;
    if (subjectUnitId) body.subjectUnitId = subjectUnitId;
    if (subjectText.trim()) body.subjectText = subjectText.trim();
    const above = fromAboveBody(fromAbove);
    if (above) body.fromAbove = above;

    setSaving(true);
    setError(null);
    try {
      // One last look for a repeat; it only informs, so saving goes ahead whatever it says.
      await intakeCheck.checkNow();
      onCreated(await createPetition(tenant, body));
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  const server = fieldErrors(error);
  const errors = { ...server, ...local };
  const count = Number(headcount);
  const maxRepresentatives = representativesAllowed(groupVisit, count);
  return (
    <form
      class="form intake"
      onSubmit={submit}
      onKeyDown={entryFormKeyDown}
      noValidate
      aria-describedby="intake-keys"
    >
      <p id="intake-keys" class="hint">
        按 Tab 或回车跳到下一项，方向键切换选项，Ctrl+Enter 直接登记。
      </p>
      <section class="card form" aria-labelledby="intake-basic">
        <h2 id="intake-basic">来源与分类</h2>
        <RadioGroup
          name="intake-channel"
          legend="来源渠道"
          options={channels.map((c) => ({ value: c.code, label: c.label }))}
          value={channel}
          onValue={setChannel}
          required
          error={errors.channel}
        />
        <ClassificationFields
          idPrefix="intake"
          categoryLabel="内容分类"
          catalog={catalog}
          purpose={purpose}
          onPurpose={setPurpose}
          categoryCode={categoryCode}
          onCategoryCode={setCategoryCode}
          errors={errors}
        />
        <TextField
          id="intake-received"
          label="收到日期"
          type="date"
          value={receivedAt}
          onValue={setReceivedAt}
          min={addDaysIso(today, -90)}
          max={today}
          required
          hint="默认今天；可补登 90 日内收到的信访事项。"
          error={errors.receivedAt}
        />
        <FromAboveFields value={fromAbove} onValue={setFromAbove} errors={errors} today={today} />
      </section>

      <section class="card form" aria-labelledby="intake-person">
        <h2 id="intake-person">信访人</h2>
        <div class="field field--check">
          <label class="check" for="intake-anonymous">
            <input
              id="intake-anonymous"
              type="checkbox"
              checked={person.anonymous}
              onChange={(e) => {
                const anonymous = e.currentTarget.checked;
                setPerson((p) => ({ ...p, anonymous }));
              }}
            />
            匿名（不登记信访人信息）
          </label>
        </div>
        {!person.anonymous && (
          <div class="form-grid">
            <TextField
              id="intake-name"
              label="姓名"
              value={person.name}
              onValue={setP("name")}
              required
              maxLength={50}
              error={errors["petitioner.name"]}
            />
            <TextField
              id="intake-id"
              label="身份证号码（选填）"
              value={person.idNumber}
              onValue={setP("idNumber")}
              onBlur={touch("idNumber")}
              maxLength={18}
              live
              ok={id.state === "valid" ? `号码有效，出生日期 ${id.birthDate}` : undefined}
              error={idError ?? errors["petitioner.idNumber"]}
            />
            <TextField
              id="intake-phone"
              label="手机号码（选填）"
              type="tel"
              inputMode="tel"
              value={person.phone}
              onValue={setP("phone")}
              onBlur={touch("phone")}
              maxLength={20}
              live
              ok={mobile.state === "valid" ? "号码格式正确" : undefined}
              error={mobileError ?? errors["petitioner.phone"]}
            />
            <TextField
              id="intake-address"
              label="住址（选填）"
              value={person.address}
              onValue={setP("address")}
              maxLength={200}
              error={errors["petitioner.address"]}
            />
          </div>
        )}
        <TextField
          id="intake-headcount"
          label="来访人数"
          type="number"
          inputMode="numeric"
          value={headcount}
          onValue={setHeadcount}
          min={1}
          max={10000}
          hint={
            count >= groupVisit.alertAt
              ? `集体访：登记后即通知县信访局；请推选代表，本次最多 ${maxRepresentatives} 人（第二十条）。`
              : `一人来访填 1；${groupVisit.alertAt} 人以上为集体访。`
          }
          error={errors.headcount}
        />
        {count >= 2 && !person.anonymous && (
          <Representatives
            value={representatives}
            onValue={setRepresentatives}
            max={maxRepresentatives}
            errors={errors}
          />
        )}
        <IntakeWarnings tenant={tenant} result={intakeCheck.result} unitName={unitName} />
      </section>

      <section class="card form" aria-labelledby="intake-questions">
        <h2 id="intake-questions">五必问</h2>
        <MaterialFields idPrefix="intake" value={material} onValue={setMaterial} errors={errors} />
      </section>

      <section class="card form" aria-labelledby="intake-subject">
        <h2 id="intake-subject">被反映对象</h2>
        <div class="form-grid">
          <SelectField
            id="intake-subject-unit"
            label="被反映单位（选填）"
            value={subjectUnitId}
            onValue={setSubjectUnitId}
            options={unitOptions(units).map((o) => ({ value: o.id, label: o.label }))}
            placeholder="（不选）"
            error={errors.subjectUnitId}
          />
          <TextField
            id="intake-subject-text"
            label="被反映单位或个人（选填）"
            value={subjectText}
            onValue={setSubjectText}
            maxLength={200}
            hint="不在单位列表中时填写，如某公司、某村委会。"
            error={errors.subjectText}
          />
        </div>
      </section>

      <FormProblems error={error} local={local} labels={LABELS} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving} aria-busy={saving}>
          登记
        </button>
      </div>
    </form>
  );
}
