/**
 * Focus back on a field after a refusal (a wrong passphrase): the field was disabled while the
 * main process checked, which took the focus away to <body>, and a disabled field cannot take
 * it back. The focus moves in an effect, after the render that enables the field again has
 * been committed, and the field's text is selected for the next try.
 */
import { useCallback, useEffect, useState, type RefObject } from 'react';

export function useRefocus(field: RefObject<HTMLInputElement | null>): () => void {
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (asked === 0) return;
    field.current?.focus();
    field.current?.select();
  }, [asked, field]);
  return useCallback(() => setAsked((n) => n + 1), []);
}
