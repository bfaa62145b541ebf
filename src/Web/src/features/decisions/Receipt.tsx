import { useEffect, useRef, useState } from 'react';

/**
 * A secret ballot's receipt, shown once, prominently, right after voting: the only link between the voter and
 * their ballot in the published list, so the voter writes it down. It lives in this page's memory only: never in
 * storage, the address or a log; leaving the page forgets it.
 */
export function ReceiptPanel({ code, forWhom, onDismiss }: { code: string; forWhom: string | null; onDismiss: () => void }) {
  const ref = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => { ref.current?.focus(); }, [code]);
  const copy = () => {
    if (!navigator.clipboard) { setCopied('Copying is not available here: select the code and copy it, or write it down.'); return; }
    navigator.clipboard.writeText(code).then(
      () => setCopied('The receipt is copied. Paste it somewhere only you can read.'),
      () => setCopied('It could not be copied: select the code and copy it, or write it down.'),
    );
  };
  return (
    <section className="receipt" aria-labelledby="receipt-title" tabIndex={-1} ref={ref}>
      <h2 id="receipt-title">Your receipt{forWhom ? ` for ${forWhom}’s vote` : ''}</h2>
      <p className="receipt__code" id="receipt-code">{code}</p>
      <p><strong>Write this down: it is the only way to find your ballot in the published results; we do not keep it with your name.</strong></p>
      <p>When the ballot closes, every ballot is published by its receipt. Type yours on this page then to check that your vote was counted as you cast it.{forWhom ? ` Give this receipt to ${forWhom}.` : ''}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={copy} aria-describedby="receipt-code">Copy the receipt</button>
        <button type="button" className="button button--light" onClick={onDismiss}>I have written it down</button>
      </div>
      <p className="saved" role="status" hidden={!copied}>{copied}</p>
    </section>
  );
}
