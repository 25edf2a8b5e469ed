import { useId, type Ref } from 'react';
import './vault.css';
import { LIMITS } from '../../../shared/domain';

interface PassphraseFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  hint?: string;
  invalid?: boolean;
  autoFocus?: boolean;
  /** the id of an error message that belongs to this field */
  errorId?: string;
  ref?: Ref<HTMLInputElement>;
}

/** A passphrase input with a visible label; nothing offers to remember or spell-check it. */
export function PassphraseField({ label, value, onChange, disabled = false, hint, invalid = false, autoFocus = false, errorId, ref }: PassphraseFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const described = [hint !== undefined ? hintId : null, invalid && errorId !== undefined ? errorId : null].filter((v) => v !== null).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        type="password"
        value={value}
        disabled={disabled}
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        maxLength={LIMITS.short}
        aria-invalid={invalid || undefined}
        aria-describedby={described === '' ? undefined : described}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint !== undefined && <small id={hintId}>{hint}</small>}
    </div>
  );
}
