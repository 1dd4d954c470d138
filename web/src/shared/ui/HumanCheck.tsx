import { useEffect, useRef } from "preact/hooks";
import { loadHumanCheck } from "../human-check.ts";

interface Props {
  tenant: string;
  /** The solved payload to send as `altcha`, or null until solved (or after it expired). */
  onChange: (payload: string | null) => void;
  error?: string | undefined;
}

/**
 * The human check of a public form: a proof of work the phone solves on its own, served
 * by the county's server, no foreign service. Each solution is good for one request, so a
 * form remounts this (a new `key`) after every submission.
 */
export function HumanCheck({ tenant, onChange, error }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    let widget: HTMLElement | undefined;
    let gone = false;
    void loadHumanCheck().then(() => {
      if (gone || !host.current) return;
      widget = document.createElement("altcha-widget");
      widget.setAttribute("challenge", `/api/v1/t/${encodeURIComponent(tenant)}/public/challenge`);
      widget.setAttribute("language", "zh-cn");
      widget.setAttribute("auto", "onload");
      widget.addEventListener("statechange", (event) => {
        const detail = (event as CustomEvent<{ state: string; payload?: string }>).detail;
        changed.current(detail.state === "verified" ? (detail.payload ?? null) : null);
      });
      host.current.append(widget);
    });
    return () => {
      gone = true;
      widget?.remove();
    };
  }, [tenant]);

  return (
    <div class="field">
      <div ref={host} id="human-check" />
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
