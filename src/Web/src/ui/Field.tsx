import type { ReactNode } from 'react';

export type FieldErrors = Record<string, string>;

/** The id of a field's error message, for aria-describedby. */
export const errorId = (name: string) => `${name}-error`;

/** A field's error message, shown next to it; the control points at it with aria-describedby. */
export function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  const message = errors[name];
  return message ? <p className="field-error" id={errorId(name)}>{message}</p> : null;
}

/** aria attributes for a control whose field may have an error (and a hint). */
export function describedBy(name: string, errors: FieldErrors, hint?: string) {
  const ids = [hint, errors[name] ? errorId(name) : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

/** A labelled text input with an optional hint and its error. */
export function TextField(props: {
  name: string; label: string; errors: FieldErrors; hint?: ReactNode; type?: 'text' | 'email' | 'tel';
  required?: boolean; autoComplete?: string; inputMode?: 'text' | 'email' | 'tel' | 'numeric' | 'decimal';
}) {
  const { name, label, errors, hint, type = 'text', required, autoComplete, inputMode } = props;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className="field" data-invalid={errors[name] ? 'true' : undefined}>
      <label htmlFor={name}>{label}{required ? '' : ' (optional)'}</label>
      {hint ? <span className="hint" id={hintId}>{hint}</span> : null}
      <input id={name} name={name} type={type} required={required} autoComplete={autoComplete} inputMode={inputMode} {...describedBy(name, errors, hintId)} />
      <FieldError name={name} errors={errors} />
    </div>
  );
}
