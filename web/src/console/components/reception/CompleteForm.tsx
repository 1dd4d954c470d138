import { useState } from "preact/hooks";
import type { Petition, Purpose } from "../../../../../schema/api/petitions.ts";
import type { CategoryCatalog } from "../../../../../schema/api/reference.ts";
import type { Unit } from "../../../../../schema/api/units.ts";
import type { StaffTicket } from "../../../../../schema/realtime/reception-queue.ts";
import { type CompleteBody, completeTicket } from "../../../api/reception-staff.ts";
import { checkIdNumber, checkMobile } from "../../../shared/id-number.ts";
import { ClassificationFields, purposeOptions } from "../../../shared/ui/ClassificationFields.tsx";
import { entryFormKeyDown } from "../../../shared/ui/keyboard.ts";
import {
  EMPTY_MATERIAL,
  focusFirstProblem,
  MATERIAL_LABELS,
  MaterialFields,
  type MaterialForm,
  materialBody,
  materialProblems,
} from "../../../shared/ui/MaterialFields.tsx";
import { useSession } from "../../session.ts";
import { unitOptions } from "../../units.ts";
import { fieldErrors } from "../ErrorAlert.tsx";
import { SelectField, TextField } from "../Field.tsx";
import { FormProblems } from "../FormProblems.tsx";

const LABELS: Record<string, string> = {
  purpose: "信访目的",
  categoryCode: "内容分类",
  handling: "现场处理意见",
  "petitioner.name": "姓名",
  "petitioner.idNumber": "身份证号码",
  "petitioner.phone": "手机号码",
  "petitioner.address": "住址",
  headcount: "来访人数",
  subjectUnitId: "被反映单位",
  subjectText: "被反映单位或个人",
  ...MATERIAL_LABELS,
};

interface Props {
  sessionId: string;
  ticket: StaffTicket;
  catalog: CategoryCatalog;
  units: readonly Unit[];
  onDone: (petition: Petition) => void;
  onClose: () => void;
}

/**
 * 办结: the visit registered as a petition (channel 领导接访, owned by the leader). It starts
 * from what the ticket knows — the name and the problem the citizen booked with; the
 * booking's phone and ID number are filled in by the server.
 */
export function CompleteForm({ sessionId, ticket, catalog, units, onDone, onClose }: Props) {
  const { tenant } = useSession();
  const [purpose, setPurpose] = useState<Purpose | "">("");
  const [categoryCode, setCategoryCode] = useState("");
  // Blank keeps the name sealed with the booking or walk-in; the queue shows it masked.
  const [name, setName] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [phone, setPhone] = useState("");
  const [address, setAddress] = useState("");
  const [headcount, setHeadcount] = useState(String(ticket.headcount));
  const [material, setMaterial] = useState<MaterialForm>({
    ...EMPTY_MATERIAL,
    demands: ticket.topic ?? "",
  });
  const [subjectUnitId, setSubjectUnitId] = useState("");
  const [subjectText, setSubjectText] = useState("");
  const [handling, setHandling] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const purposes = purposeOptions(catalog);
  const id = checkIdNumber(idNumber);
  const mobile = checkMobile(phone);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const problems: Record<string, string> = {};
    if (!purpose) problems.purpose = "请选择信访目的";
    if (!categoryCode) problems.categoryCode = "请选择内容分类（小类）";
    if (id.state === "invalid" || id.state === "partial")
      problems["petitioner.idNumber"] = id.message;
    if (mobile.state === "invalid" || mobile.state === "partial") {
      problems["petitioner.phone"] = mobile.message;
    }
    Object.assign(problems, materialProblems(material));
    setLocal(problems);
    if (focusFirstProblem("complete", problems, purposes[0]?.code)) return;
    const body: CompleteBody = {
      purpose: purpose as Purpose,
      categoryCode,
      ...materialBody(material),
      petitioner: {},
    };
    if (body.petitioner && name.trim()) body.petitioner.name = name.trim();
    if (body.petitioner && id.state === "valid") body.petitioner.idNumber = id.value;
    if (body.petitioner && mobile.state === "valid") body.petitioner.phone = mobile.value;
    if (body.petitioner && address.trim()) body.petitioner.address = address.trim();
    const count = Number(headcount);
    if (Number.isInteger(count) && count >= 1) body.headcount = count;
    if (subjectUnitId) body.subjectUnitId = subjectUnitId;
    if (subjectText.trim()) body.subjectText = subjectText.trim();
    if (handling.trim()) body.handling = handling.trim();

    setSaving(true);
    setError(null);
    try {
      const result = await completeTicket(tenant, sessionId, ticket.number, body);
      onDone(result.petition);
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  const errors = { ...fieldErrors(error), ...local };
  return (
    <form
      class="card form"
      onSubmit={submit}
      onKeyDown={entryFormKeyDown}
      noValidate
      aria-labelledby="complete-title"
    >
      <h2 id="complete-title">办结 {ticket.number} 号：登记为信访事项</h2>
      <p class="hint">
        来源渠道为“领导接访”，由接访领导包案。预约时留的手机号、身份证号会自动带入，无需重复填写。
      </p>
      <ClassificationFields
        idPrefix="complete"
        categoryLabel="内容分类"
        catalog={catalog}
        purpose={purpose}
        onPurpose={setPurpose}
        categoryCode={categoryCode}
        onCategoryCode={setCategoryCode}
        errors={errors}
      />
      <div class="form-grid">
        <TextField
          id="complete-name"
          label={`姓名（留空则沿用登记的 ${ticket.label}）`}
          value={name}
          onValue={setName}
          maxLength={50}
          error={errors["petitioner.name"]}
        />
        <TextField
          id="complete-id"
          label="身份证号码（选填）"
          value={idNumber}
          onValue={setIdNumber}
          maxLength={18}
          live
          ok={id.state === "valid" ? "号码有效" : undefined}
          error={id.state === "invalid" ? id.message : errors["petitioner.idNumber"]}
        />
        <TextField
          id="complete-phone"
          label="手机号码（选填）"
          type="tel"
          inputMode="tel"
          value={phone}
          onValue={setPhone}
          maxLength={20}
          live
          error={mobile.state === "invalid" ? mobile.message : errors["petitioner.phone"]}
        />
        <TextField
          id="complete-address"
          label="住址（选填）"
          value={address}
          onValue={setAddress}
          maxLength={200}
          error={errors["petitioner.address"]}
        />
        <TextField
          id="complete-headcount"
          label="来访人数"
          type="number"
          inputMode="numeric"
          min={1}
          max={10000}
          value={headcount}
          onValue={setHeadcount}
          error={errors.headcount}
        />
      </div>
      <MaterialFields idPrefix="complete" value={material} onValue={setMaterial} errors={errors} />
      <div class="form-grid">
        <SelectField
          id="complete-subject-unit"
          label="被反映单位（选填）"
          value={subjectUnitId}
          onValue={setSubjectUnitId}
          options={unitOptions(units).map((o) => ({ value: o.id, label: o.label }))}
          placeholder="（不选）"
          error={errors.subjectUnitId}
        />
        <TextField
          id="complete-subject-text"
          label="被反映单位或个人（选填）"
          value={subjectText}
          onValue={setSubjectText}
          maxLength={200}
          error={errors.subjectText}
        />
      </div>
      <TextField
        id="complete-handling"
        label="现场处理意见（选填，记入领导接访登记表）"
        value={handling}
        onValue={setHandling}
        multiline
        rows={2}
        maxLength={1000}
        error={errors.handling}
      />
      <FormProblems error={error} local={local} labels={LABELS} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving} aria-busy={saving}>
          办结并登记
        </button>
        <button type="button" class="button" onClick={onClose}>
          返回
        </button>
      </div>
    </form>
  );
}
