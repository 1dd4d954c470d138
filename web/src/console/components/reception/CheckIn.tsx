import { useState } from "preact/hooks";
import type { ReceptionSession } from "../../../../../schema/api/reception.ts";
import type { StaffTicket } from "../../../../../schema/realtime/reception-queue.ts";
import { checkIn } from "../../../api/reception-staff.ts";
import { useSession } from "../../session.ts";
import { ErrorAlert } from "../ErrorAlert.tsx";
import { TextField } from "../Field.tsx";
import { canScan, Scanner } from "./Scanner.tsx";

/** Check-in at the desk: by booking code (typed or scanned), or a walk-in's details. */
export function CheckIn({
  session,
  desk,
  onDone,
}: {
  session: ReceptionSession;
  /** At a joint reception, the desk the arrival waits at. */
  desk?: number | undefined;
  onDone: () => Promise<void>;
}) {
  const { tenant } = useSession();
  const [code, setCode] = useState("");
  const [walkIn, setWalkIn] = useState(false);
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [topic, setTopic] = useState("");
  const [headcount, setHeadcount] = useState("1");
  const [scanning, setScanning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [last, setLast] = useState<StaffTicket | null>(null);

  const run = async (arrival: Parameters<typeof checkIn>[2]) => {
    setBusy(true);
    setError(null);
    try {
      const ticket = await checkIn(tenant, session.id, arrival, desk);
      setLast(ticket);
      setCode("");
      setName("");
      setPhone("");
      setTopic("");
      setHeadcount("1");
      void onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const byCode = (event: Event) => {
    event.preventDefault();
    const clean = code.normalize("NFKC").replace(/[\s-]/g, "").toUpperCase();
    if (clean.length >= 4) void run({ bookingCode: clean });
    else document.getElementById("checkin-code")?.focus();
  };

  const byWalkIn = (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      document.getElementById("walkin-name")?.focus();
      return;
    }
    void run({
      walkIn: {
        name: name.trim(),
        ...(phone.trim() && { phone: phone.trim() }),
        ...(topic.trim() && { topic: topic.trim() }),
        headcount: Number(headcount) || 1,
      },
    });
  };

  return (
    <section class="card" aria-labelledby="checkin-title">
      <h2 id="checkin-title">签到</h2>
      <div aria-live="polite">
        {last && (
          <p class="alert alert--success" data-testid="checked-in" data-number={last.number}>
            已签到：<strong class="desk__ticket">{last.number} 号</strong> {last.label}
            ，请告知群众排队号。
          </p>
        )}
      </div>
      <ErrorAlert error={error} />
      {!walkIn ? (
        <form class="form form--inline" onSubmit={byCode} noValidate>
          <TextField
            id="checkin-code"
            label="预约码"
            value={code}
            onValue={setCode}
            maxLength={20}
            hint="输入或扫描群众出示的预约码。"
          />
          <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
            签到
          </button>
          {canScan() && !scanning && (
            <button type="button" class="button" onClick={() => setScanning(true)}>
              扫码签到
            </button>
          )}
        </form>
      ) : (
        <form class="form" onSubmit={byWalkIn} noValidate>
          <div class="form-grid">
            <TextField
              id="walkin-name"
              label="姓名"
              value={name}
              onValue={setName}
              required
              maxLength={50}
            />
            <TextField
              id="walkin-phone"
              label="手机号码（选填）"
              type="tel"
              inputMode="tel"
              value={phone}
              onValue={setPhone}
              maxLength={20}
            />
            <TextField
              id="walkin-headcount"
              label="来访人数"
              type="number"
              inputMode="numeric"
              min={1}
              max={5}
              value={headcount}
              onValue={setHeadcount}
            />
          </div>
          <TextField
            id="walkin-topic"
            label="反映的问题（选填）"
            value={topic}
            onValue={setTopic}
            multiline
            rows={2}
            maxLength={500}
          />
          <p class="actions">
            <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
              现场签到
            </button>
          </p>
        </form>
      )}
      {scanning && (
        <Scanner
          onClose={() => setScanning(false)}
          onCode={(value) => {
            setScanning(false);
            setCode(value);
            void run({ bookingCode: value.trim().toUpperCase() });
          }}
        />
      )}
      <p>
        <button type="button" class="button button--small" onClick={() => setWalkIn((w) => !w)}>
          {walkIn ? "按预约码签到" : "未预约群众现场签到"}
        </button>
      </p>
    </section>
  );
}
