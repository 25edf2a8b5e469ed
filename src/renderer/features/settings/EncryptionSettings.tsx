import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { VaultStatus } from '../../../shared/contract';
import { apiKey, BriefbookError, call } from '../../lib/api';
import { plural } from '../../lib/format';
import { useRefocus } from '../../lib/use-refocus';
import { idleWords, MIN_PASSPHRASE, newPassphraseProblem, PassphraseField, useVault, vaultErrorWords } from '../vault';

type Outcome = { tone: 'ok' | 'error'; text: string } | null;


function Outcome({ outcome }: { outcome: Outcome }) {
  return (
    <p className={`settings-outcome ${outcome?.tone ?? ''}`} role={outcome?.tone === 'error' ? 'alert' : 'status'}>
      {outcome?.text}
    </p>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/**
 * Settings → Encryption (docs/data-at-rest.md): encrypt with a new passphrase, change it, give
 * the library and its backups a new data key, decrypt (the passphrase is asked again), and the
 * idle time after which the library locks itself.
 */
export function EncryptionSettings() {
  const vault = useVault();
  const status = vault.status;
  // encrypting or decrypting swaps the forms below, so their outcome is said here
  const [done, setDone] = useState<string | null>(null);
  if (status === null) return <p className="muted">Encryption is set in the desktop app.</p>;
  if (vault.readOnlyRecovery) {
    return <p className="muted">The library is open read-only (recovery mode), so its encryption cannot be changed. Restore a backup first (Backups).</p>;
  }
  return (
    <div className="encryption-settings">
      <p className="settings-lead">
        {status.encrypted ? (
          <>
            <strong>This library is encrypted.</strong> {idleWords(status.idleLockMinutes)}
          </>
        ) : (
          <>
            <strong>This library is not encrypted.</strong> Anyone who can read the file can read the library.
          </>
        )}
      </p>
      <p className="settings-outcome ok" role="status">
        {done}
      </p>
      {status.encrypted ? (
        <>
          <ChangePassphrase />
          <RotateKey onDone={setDone} />
          <IdleLock minutes={status.idleLockMinutes} />
          <Decrypt onDone={setDone} />
        </>
      ) : (
        <>
          <Encrypt onDone={setDone} />
          <IdleLock minutes={status.idleLockMinutes} />
        </>
      )}
    </div>
  );
}

/** After encrypting or decrypting: the library's own answers about itself have changed. */
function useVaultChange(): (status: VaultStatus) => Promise<void> {
  const client = useQueryClient();
  const vault = useVault();
  return async (status) => {
    vault.applyStatus(status);
    await Promise.all([client.invalidateQueries({ queryKey: apiKey('library.info', {}) }), client.invalidateQueries({ queryKey: apiKey('backups.list', {}) })]);
  };
}

function Encrypt({ onDone }: { onDone: (words: string) => void }) {
  const changed = useVaultChange();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [understood, setUnderstood] = useState(false);
  // copies of a damaged library that cannot be encrypted: asked only when there are some
  const [damagedCopies, setDamagedCopies] = useState(false);
  const [removeDamaged, setRemoveDamaged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = newPassphraseProblem(passphrase, confirmation);
    if (problem !== null) {
      setOutcome({ tone: 'error', text: problem });
      return;
    }
    if (!understood) {
      setOutcome({ tone: 'error', text: 'Tick the box to confirm that a lost passphrase cannot be recovered.' });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const result = await call('vault.encrypt', damagedCopies ? { passphrase, removeDamagedCopies: removeDamaged } : { passphrase });
      setPassphrase('');
      setConfirmation('');
      const removed = result.removedDamagedCopies.length;
      const plain = result.stillPlain.length;
      onDone(
        'The library is encrypted, and so are its backups. Lock it with Ctrl+L or the Lock button in the status bar.' +
          (removed > 0 ? ` Removed ${plural(removed, 'copy', 'copies')} of a damaged library that could not be encrypted.` : '') +
          (plain > 0 ? ` Still readable, could not be encrypted: ${result.stillPlain.map((b) => `${b.name} (${b.why})`).join('; ')}.` : ''),
      );
      await changed(result.status);
    } catch (error) {
      if (error instanceof BriefbookError && error.code === 'damaged_copies_plain') setDamagedCopies(true);
      setOutcome({ tone: 'error', text: `The library was not encrypted: ${vaultErrorWords(error)}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="settings-encrypt" title="Encrypt this library">
      <form onSubmit={(e) => void submit(e)}>
        <div className="field-row">
          <PassphraseField label="New passphrase" value={passphrase} onChange={setPassphrase} disabled={busy} hint={`At least ${MIN_PASSPHRASE} characters; a few words are easier to remember.`} />
          <PassphraseField label="Type it again" value={confirmation} onChange={setConfirmation} disabled={busy} />
        </div>
        <div className="settings-warning" role="note">
          <strong>A lost passphrase cannot be recovered.</strong> Without it nobody can open the library, Briefbook included: there is no back door. Write it down and keep it somewhere safe, apart from this computer.
        </div>
        <label className="check">
          <input type="checkbox" checked={understood} disabled={busy} onChange={(e) => setUnderstood(e.target.checked)} />
          <span>I understand that a lost passphrase cannot be recovered</span>
        </label>
        {damagedCopies && (
          <label className="check">
            <input type="checkbox" checked={removeDamaged} disabled={busy} onChange={(e) => setRemoveDamaged(e.target.checked)} />
            <span>Remove the copies of a damaged library that cannot be encrypted (they would stay readable)</span>
          </label>
        )}
        <div className="settings-actions">
          <button type="submit" className="primary" disabled={busy || passphrase === '' || confirmation === ''}>
            {busy ? 'Encrypting… (copying and checking the library)' : 'Encrypt the library'}
          </button>
        </div>
        <Outcome outcome={outcome} />
      </form>
    </Section>
  );
}

function ChangePassphrase() {
  const vault = useVault();
  const [current, setCurrent] = useState('');
  const currentField = useRef<HTMLInputElement>(null);
  const refocus = useRefocus(currentField);
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = newPassphraseProblem(next, confirmation);
    if (problem !== null) {
      setOutcome({ tone: 'error', text: problem });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      vault.applyStatus(await call('vault.changePassphrase', { current, next }));
      setCurrent('');
      setNext('');
      setConfirmation('');
      setOutcome({ tone: 'ok', text: 'The passphrase is changed, for the library and its backups. The old one opens nothing any more; use the new one from now on.' });
    } catch (error) {
      setOutcome({ tone: 'error', text: `The passphrase was not changed: ${vaultErrorWords(error)}` });
      refocus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="settings-change" title="Change the passphrase">
      <form onSubmit={(e) => void submit(e)}>
        <PassphraseField ref={currentField} label="Current passphrase" value={current} onChange={setCurrent} disabled={busy} />
        <div className="field-row">
          <PassphraseField label="New passphrase" value={next} onChange={setNext} disabled={busy} hint={`At least ${MIN_PASSPHRASE} characters.`} />
          <PassphraseField label="Type the new one again" value={confirmation} onChange={setConfirmation} disabled={busy} />
        </div>
        <div className="settings-actions">
          <button type="submit" disabled={busy || current === '' || next === '' || confirmation === ''}>
            {busy ? 'Changing…' : 'Change the passphrase'}
          </button>
        </div>
        <Outcome outcome={outcome} />
      </form>
    </Section>
  );
}

/**
 * A new data key for the library and every backup: for a passphrase or key file that may have
 * been copied (then the old data key may be known, and a new passphrase alone would not help).
 */
function RotateKey({ onDone }: { onDone: (words: string) => void }) {
  const changed = useVaultChange();
  const [open, setOpen] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const refocus = useRefocus(field);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase === '') return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await call('vault.rotateKey', { passphrase });
      setPassphrase('');
      setOpen(false);
      const left = result.untouchedBackups.length;
      onDone(
        `The library and ${plural(result.rotatedBackups, 'backup')} are encrypted under a new key; no earlier key file opens them.` +
          (left > 0 ? ` ${plural(left, 'older backup')} kept their own key (another passphrase): ${result.untouchedBackups.map((b) => b.name).join(', ')}.` : ''),
      );
      await changed(result.status);
    } catch (error) {
      setOutcome({ tone: 'error', text: `Nothing was changed: ${vaultErrorWords(error)}` });
      refocus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="settings-rotate" title="New encryption key">
      <p className="muted">
        If the passphrase or a key file may have been copied, change the passphrase and then give the library a new key: the library and every backup are
        encrypted again, and no earlier key file opens them. It takes as long as a backup of every file.
      </p>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          New key…
        </button>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <PassphraseField ref={field} label="Passphrase, to confirm the new key" value={passphrase} onChange={setPassphrase} disabled={busy} autoFocus />
          <div className="settings-actions">
            <button type="button" disabled={busy} onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" disabled={busy || passphrase === ''}>
              {busy ? 'Encrypting again… (copying and checking every file)' : 'Encrypt under a new key'}
            </button>
          </div>
        </form>
      )}
      <Outcome outcome={outcome} />
    </Section>
  );
}

function IdleLock({ minutes }: { minutes: number }) {
  const vault = useVault();
  const [draft, setDraft] = useState(String(minutes));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(draft);
    if (!Number.isInteger(value) || value < 0 || value > 24 * 60) {
      setOutcome({ tone: 'error', text: 'Type a whole number of minutes from 0 (never) to 1440 (a day).' });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const status = await call('vault.setIdleLock', { minutes: value });
      vault.applyStatus(status);
      setOutcome({ tone: 'ok', text: value === 0 ? 'The library will not lock by itself.' : `The library locks itself after ${plural(value, 'minute')} without use.` });
    } catch (error) {
      setOutcome({ tone: 'error', text: `Not saved: ${vaultErrorWords(error)}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="settings-idle" title="Lock by itself">
      <form onSubmit={(e) => void submit(e)} className="idle-form">
        <label className="field idle-field">
          <span>Minutes without use before it locks (0: never)</span>
          <input type="number" min={0} max={1440} step={1} value={draft} disabled={busy} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit" disabled={busy || draft === String(minutes)}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </form>
      {!vault.status?.encrypted && <small className="muted">Applies once the library is encrypted.</small>}
      <Outcome outcome={outcome} />
    </Section>
  );
}

function Decrypt({ onDone }: { onDone: (words: string) => void }) {
  const changed = useVaultChange();
  const [open, setOpen] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const refocus = useRefocus(field);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase === '') return;
    setBusy(true);
    setOutcome(null);
    try {
      const status = await call('vault.decrypt', { passphrase });
      setPassphrase('');
      setOpen(false);
      onDone('The library is decrypted: it is a plain file again and no longer locks.');
      await changed(status);
    } catch (error) {
      setOutcome({ tone: 'error', text: `The library was not decrypted: ${vaultErrorWords(error)}` });
      refocus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="settings-decrypt" title="Decrypt this library">
      <p className="muted">The library is written back as a plain file: anyone who can read the file can then read every item. Backups made while it was encrypted stay encrypted.</p>
      {!open ? (
        <button type="button" className="danger" onClick={() => setOpen(true)}>
          Decrypt…
        </button>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <PassphraseField ref={field} label="Passphrase, to confirm" value={passphrase} onChange={setPassphrase} disabled={busy} autoFocus />
          <div className="settings-actions">
            <button type="button" disabled={busy} onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="danger" disabled={busy || passphrase === ''}>
              {busy ? 'Decrypting…' : 'Decrypt the library'}
            </button>
          </div>
        </form>
      )}
      <Outcome outcome={outcome} />
    </Section>
  );
}
