import { useEffect, useRef, useState } from "preact/hooks";
import type {
  BookingView as Booking,
  Hold,
  SessionWithSlots,
} from "../../../schema/api/reception.ts";
import { bookingPath } from "../shared/tenant.ts";
import { BookingCard, WhatToBring } from "./BookingCard.tsx";
import { BookingForm } from "./BookingForm.tsx";
import { Schedule, SlotStep } from "./ReceptionSchedule.tsx";

type Step =
  | { kind: "list" }
  | { kind: "slots"; sessionId: string; suggested?: string[] }
  | { kind: "form"; session: SessionWithSlots; slotStart: string; hold: Hold | null }
  | { kind: "done"; booking: Booking };

export function ReceptionPage({
  tenant,
  initialSession,
}: {
  tenant: string;
  initialSession: string;
}) {
  const [step, setStep] = useState<Step>(
    initialSession ? { kind: "slots", sessionId: initialSession } : { kind: "list" },
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Each step is a new view: move focus to its heading (not on first load).
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
    window.scrollTo(0, 0);
  }, [step.kind]);

  if (step.kind === "done") {
    return (
      <>
        <h1 ref={heading} tabindex={-1}>
          预约成功
        </h1>
        <p class="lead">请记下预约码。来访当天凭预约码或二维码签到。</p>
        <BookingCard booking={step.booking} />
        <WhatToBring />
        <p>
          <a
            class="button button--primary"
            href={`${bookingPath(tenant)}?code=${encodeURIComponent(step.booking.bookingCode)}`}
          >
            查看我的预约和排队进度
          </a>
        </p>
      </>
    );
  }
  if (step.kind === "form") {
    return (
      <>
        <h1 ref={heading} tabindex={-1}>
          填写预约信息
        </h1>
        <BookingForm
          tenant={tenant}
          session={step.session}
          slotStart={step.slotStart}
          hold={step.hold}
          onBack={() => setStep({ kind: "slots", sessionId: step.session.id })}
          onFull={(suggested) => setStep({ kind: "slots", sessionId: step.session.id, suggested })}
          onDone={(booking) => setStep({ kind: "done", booking })}
        />
      </>
    );
  }
  if (step.kind === "slots") {
    return (
      <>
        <h1 ref={heading} tabindex={-1}>
          选择预约时段
        </h1>
        <SlotStep
          tenant={tenant}
          sessionId={step.sessionId}
          suggested={step.suggested ?? []}
          onBack={() => setStep({ kind: "list" })}
          onHeld={(session, slotStart, hold) => setStep({ kind: "form", session, slotStart, hold })}
        />
      </>
    );
  }
  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        领导接访安排
      </h1>
      <Schedule tenant={tenant} onPick={(sessionId) => setStep({ kind: "slots", sessionId })} />
    </>
  );
}
