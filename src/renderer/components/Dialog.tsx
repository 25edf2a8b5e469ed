import { useEffect, useRef, useState, type ReactNode } from 'react';
import './components.css';

/** Where a dialog puts focus when it opens: its first field, else its first control, else its text, never × (docs/ux.md, "Keyboard"). */
const FIRST_FIELD = '.dialog-body :is(input:not([type="hidden"]), select, textarea, [contenteditable="true"]):not(:disabled)';
const FIRST_CONTROL = ':is(.dialog-body, .dialog-footer) :is(button, [href], [tabindex]:not([tabindex="-1"])):not(:disabled)';

/**
 * A modal on the native <dialog>: the browser traps focus, Esc closes, and focus returns to
 * the control that opened it. It opens with focus on its first field. While `unsaved` is true
 * (the user typed or chose something the dialog has not kept yet), Esc and × ask before
 * closing; the dialog's own Cancel button stays a deliberate discard.
 */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  wide = false,
  labelledBy,
  unsaved = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  labelledBy?: string;
  unsaved?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const [asking, setAsking] = useState(false);
  const close = useRef({ onClose, unsaved, asking });
  useEffect(() => {
    close.current = { onClose, unsaved, asking };
  }, [onClose, unsaved, asking]);
  const requestClose = () => {
    const { onClose: leave, unsaved: dirty, asking: already } = close.current;
    if (already) setAsking(false);
    else if (dirty) setAsking(true);
    else leave();
  };
  const requestRef = useRef(requestClose);
  useEffect(() => {
    requestRef.current = requestClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    // a sheet to read (no field, no control but ×) opens on its text, so Space or Enter do not close it
    const first = dialog.querySelector<HTMLElement>(FIRST_FIELD) ?? dialog.querySelector<HTMLElement>(FIRST_CONTROL) ?? dialog.querySelector<HTMLElement>('.dialog-body');
    if (first !== null && !(dialog.contains(document.activeElement) && document.activeElement !== dialog.querySelector('.dialog-header button'))) first.focus();
    const cancel = (event: Event) => {
      event.preventDefault();
      requestRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      opener?.focus?.();
    };
  }, []);
  useEffect(() => {
    if (asking) keepRef.current?.focus();
  }, [asking]);
  const titleId = labelledBy ?? `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} className={`dialog ${wide ? 'wide' : ''}`} aria-labelledby={titleId}>
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Esc)" onClick={requestClose}>
          ×
        </button>
      </header>
      <div className="dialog-body" tabIndex={-1}>
        {children}
      </div>
      {asking ? (
        // its own key: React must not turn the pressed "Keep editing" into the footer's submit button
        <footer key="asking" className="dialog-footer">
          <span className="grow warn" role="alert">
            What you typed or chose here is not kept yet. Close and lose it?
          </span>
          <button ref={keepRef} type="button" onClick={() => setAsking(false)}>
            Keep editing
          </button>
          <button type="button" className="danger" onClick={onClose}>
            Close and lose it
          </button>
        </footer>
      ) : (
        footer !== undefined && (
          <footer key="footer" className="dialog-footer">
            {footer}
          </footer>
        )
      )}
    </dialog>
  );
}
