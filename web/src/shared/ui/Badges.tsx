/** The §30 notice that a petition accuses someone: the petitioner's identity stays secret. */
export function AccusationBadge() {
  return (
    <p class="badge badge--secret" data-testid="accusation-badge">
      涉及检举控告，信访人身份保密
    </p>
  );
}

export function LegalRouteNote({ note }: { note: string }) {
  return (
    <p class="notice" data-testid="legal-route">
      <strong>法定途径提示：</strong>
      {note}
    </p>
  );
}
