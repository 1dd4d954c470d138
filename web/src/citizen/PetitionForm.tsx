import { useEffect, useRef, useState } from "preact/hooks";
import type {
  PublicUnit,
  Purpose,
  SubmitOnlinePetitionBody,
  SubmitOnlineResult,
} from "../../../schema/api/petitions.ts";
import type { CategoryCatalog } from "../../../schema/api/reference.ts";
import {
  getCategories,
  getPublicUnits,
  submitOnlinePetition,
  uploadPetitionerFile,
} from "../api/citizen.ts";
import { fieldErrors } from "../console/components/ErrorAlert.tsx";
import { SelectField, TextField } from "../console/components/Field.tsx";
import { formatDateTime } from "../shared/format.ts";
import { checkIdNumber, checkMobile } from "../shared/id-number.ts";
import { trackPath } from "../shared/tenant.ts";
import { ClassificationFields, purposeOptions } from "../shared/ui/ClassificationFields.tsx";
import { FixList } from "../shared/ui/FixList.tsx";
import { HumanCheck } from "../shared/ui/HumanCheck.tsx";
import { entryFormKeyDown } from "../shared/ui/keyboard.ts";
import {
  EMPTY_MATERIAL,
  focusFirstProblem,
  MATERIAL_LABELS,
  MaterialFields,
  type MaterialForm,
  materialBody,
  materialProblems,
} from "../shared/ui/MaterialFields.tsx";
import { CitizenErrorAlert } from "./CitizenError.tsx";
import { TrackingCodeBox } from "./TrackingCodeBox.tsx";

const LABELS: Record<string, string> = {
  purpose: "信访目的",
  categoryCode: "事项类别",
  "petitioner.name": "姓名",
  "petitioner.phone": "手机号码",
  "petitioner.idNumber": "身份证号码",
  "petitioner.address": "联系地址",
  subjectUnitId: "反映的单位",
  subjectText: "反映的单位或个人",
  altcha: "人机验证",
  ...MATERIAL_LABELS,
};

const HINTS = {
  facts: "请写清楚时间、地点、涉及的人和单位、事情经过。",
  demands: "您希望解决什么问题，理由是什么。",
  hardships: "生活、工作中因此遇到的实际困难。",
  history: "此前是否向其他部门反映过：何时、向哪里、以什么方式。",
  priorHandling: "有关部门此前是如何答复或处理的。",
};

/** The choice for a citizen who does not know which unit is concerned. */
const UNKNOWN_UNIT = "unknown";

export function PetitionForm({ tenant }: { tenant: string }) {
  const [catalog, setCatalog] = useState<CategoryCatalog | null>(null);
  const [units, setUnits] = useState<PublicUnit[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [done, setDone] = useState<{ result: SubmitOnlineResult; last4: string } | null>(null);

  useEffect(() => {
    let live = true;
    getCategories(tenant).then(
      (c) => live && setCatalog(c),
      (err: unknown) => live && setLoadError(err),
    );
    getPublicUnits(tenant).then(
      (u) => live && setUnits(u.items),
      (err: unknown) => live && setLoadError(err),
    );
    return () => {
      live = false;
    };
  }, [tenant]);

  if (done) return <Submitted tenant={tenant} {...done} />;
  return (
    <>
      <h1>网上信访</h1>
      <p class="lead">
        请如实填写您反映的问题。提交后会得到一个查询码，凭查询码和手机号码后四位可以查询办理进度、对办理结果进行评价。
      </p>
      <CitizenErrorAlert error={loadError} />
      {!(catalog && units) && !loadError && (
        <p class="muted" role="status">
          正在加载…
        </p>
      )}
      {catalog && units && (
        <Form tenant={tenant} catalog={catalog} units={units} onDone={setDone} />
      )}
    </>
  );
}

function Form({
  tenant,
  catalog,
  units,
  onDone,
}: {
  tenant: string;
  catalog: CategoryCatalog;
  units: PublicUnit[];
  onDone: (done: { result: SubmitOnlineResult; last4: string }) => void;
}) {
  const [purpose, setPurpose] = useState<Purpose | "">("");
  const [categoryCode, setCategoryCode] = useState("");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [address, setAddress] = useState("");
  const [material, setMaterial] = useState<MaterialForm>(EMPTY_MATERIAL);
  const [subjectUnitId, setSubjectUnitId] = useState(UNKNOWN_UNIT);
  const [subjectText, setSubjectText] = useState("");
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The solved human check; a failed submission spends it and a fresh one is solved.
  const [check, setCheck] = useState<string | null>(null);
  const [checkRound, setCheckRound] = useState(0);

  const purposes = purposeOptions(catalog);

  const mobile = checkMobile(phone);
  const mobileError =
    mobile.state === "invalid" || (mobile.state === "partial" && touched.phone)
      ? mobile.message
      : undefined;
  const id = checkIdNumber(idNumber);
  const idError =
    id.state === "invalid" || (id.state === "partial" && touched.idNumber) ? id.message : undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const problems: Record<string, string> = {};
    if (!purpose) problems.purpose = "请选择信访目的";
    if (!categoryCode) problems.categoryCode = "请选择事项类别";
    if (!name.trim()) problems["petitioner.name"] = "请填写您的姓名";
    if (mobile.state !== "valid") {
      problems["petitioner.phone"] = mobile.state === "empty" ? "请填写手机号码" : mobile.message;
    }
    if (id.state === "invalid" || id.state === "partial") {
      problems["petitioner.idNumber"] = id.message;
    }
    Object.assign(problems, materialProblems(material));
    if (!check) problems.altcha = "请稍候，人机验证完成后再提交";
    setLocal(problems);
    setTouched({ phone: true, idNumber: true });
    if (focusFirstProblem("petition", problems, purposes[0]?.code)) return;
    if (mobile.state !== "valid" || !check) return;

    const body: SubmitOnlinePetitionBody = {
      altcha: check,
      purpose: purpose as Purpose,
      categoryCode,
      petitioner: { name: name.trim(), phone: mobile.value },
      ...materialBody(material),
    };
    if (id.state === "valid") body.petitioner.idNumber = id.value;
    if (address.trim()) body.petitioner.address = address.trim();
    if (subjectUnitId !== UNKNOWN_UNIT) body.subjectUnitId = subjectUnitId;
    if (subjectText.trim()) body.subjectText = subjectText.trim();

    setSaving(true);
    setError(null);
    setCheck(null);
    setCheckRound((round) => round + 1);
    try {
      const result = await submitOnlinePetition(tenant, body);
      onDone({ result, last4: mobile.value.slice(-4) });
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  const errors = { ...fieldErrors(error), ...local };
  return (
    <form class="form" onSubmit={submit} onKeyDown={entryFormKeyDown} noValidate>
      <section class="card form" aria-labelledby="what-title">
        <h2 id="what-title">反映什么</h2>
        <ClassificationFields
          idPrefix="petition"
          categoryLabel="事项类别"
          categoryHint="输入关键字查找，如“工资”“社会保险”“拆迁”。"
          catalog={catalog}
          purpose={purpose}
          onPurpose={setPurpose}
          categoryCode={categoryCode}
          onCategoryCode={setCategoryCode}
          errors={errors}
          accusationNote="检举、控告材料及您的身份信息依法保密，不会透露给被检举、控告的人员和单位。"
        />
      </section>

      <section class="card form" aria-labelledby="who-title">
        <h2 id="who-title">您的联系方式</h2>
        <div class="form-grid">
          <TextField
            id="petition-name"
            label="姓名"
            autoComplete="name"
            value={name}
            onValue={setName}
            required
            maxLength={50}
            error={errors["petitioner.name"]}
          />
          <TextField
            id="petition-phone"
            label="手机号码"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={phone}
            onValue={setPhone}
            onBlur={() => setTouched((t) => ({ ...t, phone: true }))}
            required
            maxLength={20}
            hint="用于查询办理进度：查询时需输入后四位。"
            live
            ok={mobile.state === "valid" ? "号码格式正确" : undefined}
            error={mobileError ?? errors["petitioner.phone"]}
          />
          <TextField
            id="petition-id"
            label="身份证号码（选填）"
            value={idNumber}
            onValue={setIdNumber}
            onBlur={() => setTouched((t) => ({ ...t, idNumber: true }))}
            maxLength={18}
            live
            ok={id.state === "valid" ? "号码有效" : undefined}
            error={idError ?? errors["petitioner.idNumber"]}
          />
          <TextField
            id="petition-address"
            label="联系地址（选填）"
            autoComplete="street-address"
            value={address}
            onValue={setAddress}
            maxLength={200}
            error={errors["petitioner.address"]}
          />
        </div>
        <p class="hint">您的个人信息仅用于办理本事项，依法予以保护。</p>
      </section>

      <section class="card form" aria-labelledby="detail-title">
        <h2 id="detail-title">具体情况</h2>
        <MaterialFields
          idPrefix="petition"
          value={material}
          onValue={setMaterial}
          errors={errors}
          hints={HINTS}
        />
        <SelectField
          id="petition-subject-unit"
          label="反映的是哪个单位"
          hint="检举、控告的，请选择被检举控告的单位；不清楚可选“不清楚”，由县信访局确定。"
          value={subjectUnitId}
          onValue={setSubjectUnitId}
          options={[
            { value: UNKNOWN_UNIT, label: "不清楚" },
            ...units.map((u) => ({ value: u.id, label: u.name })),
          ]}
          error={errors.subjectUnitId}
        />
        <TextField
          id="petition-subject"
          label="反映的单位或个人（选填）"
          value={subjectText}
          onValue={setSubjectText}
          maxLength={200}
          error={errors.subjectText}
        />
      </section>

      <CitizenErrorAlert error={error} labels={LABELS} />
      <FixList problems={local} labels={LABELS} />
      <HumanCheck
        key={checkRound}
        tenant={tenant}
        onChange={(payload) => {
          setCheck(payload);
          if (payload) setLocal(({ altcha: _done, ...rest }) => rest);
        }}
        error={local.altcha}
      />
      <div class="actions">
        <button
          type="submit"
          class="button button--primary"
          disabled={saving || !check}
          aria-busy={saving}
        >
          提交
        </button>
      </div>
    </form>
  );
}

function Submitted({
  tenant,
  result,
  last4,
}: {
  tenant: string;
  result: SubmitOnlineResult;
  last4: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    window.scrollTo(0, 0);
  }, []);
  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        提交成功
      </h1>
      <p class="lead">您的信访事项已于 {formatDateTime(result.registeredAt)} 登记。</p>
      <TrackingCodeBox code={result.trackingCode} />
      <div class="card">
        <p>
          <strong>请妥善保存查询码。</strong>
          查询办理进度、对办理结果进行评价时，需要输入查询码和您手机号码的后四位（{last4}）。
        </p>
        <p>有关部门将依法受理、办理，并在规定期限内告知您。</p>
      </div>
      <AddFiles tenant={tenant} result={result} />
      <div class="card">
        <p>
          <a
            class="button button--primary"
            href={`${trackPath(tenant)}?code=${result.trackingCode}`}
          >
            查询本事项的办理进度
          </a>
        </p>
      </div>
    </>
  );
}

/** Photos and PDFs for the petition just submitted (within the hour its token allows). */
function AddFiles({ tenant, result }: { tenant: string; result: SubmitOnlineResult }) {
  const [sent, setSent] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem(
      "petition-files",
    ) as HTMLInputElement | null;
    const files = [...(input?.files ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      for (const file of files) {
        const stored = await uploadPetitionerFile(
          tenant,
          result.trackingCode,
          result.uploadToken,
          file,
        );
        setSent((names) => [...names, stored.name]);
      }
      if (input) input.value = "";
    } catch (err) {
      setError(err instanceof Error ? err.message : "上传失败，请重试。");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card form" onSubmit={onSubmit} aria-labelledby="petition-files-title" noValidate>
      <h2 id="petition-files-title">补充材料（选填）</h2>
      <div class="field">
        <label for="petition-files">照片或 PDF 文件</label>
        <input
          id="petition-files"
          name="petition-files"
          type="file"
          multiple
          accept="image/*,application/pdf"
          aria-describedby="petition-files-hint"
        />
        <p class="hint" id="petition-files-hint">
          可在一小时内上传欠条、合同、现场照片等。
        </p>
      </div>
      {error && <p role="alert">{error}</p>}
      <div aria-live="polite">{sent.length > 0 && <p>已上传：{sent.join("、")}</p>}</div>
      <button type="submit" class="button" disabled={busy}>
        {busy ? "正在上传…" : "上传"}
      </button>
    </form>
  );
}
