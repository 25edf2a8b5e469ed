import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { notifyError } from '../../lib/notices';
import { BackupList, useVault } from '../vault';
import { EncryptionSettings } from './EncryptionSettings';
import { ImportLog } from './ImportLog';
import { MarkingsSettings } from './MarkingsSettings';
import { useSetting } from './use-setting';
import './settings.css';
import { LIMITS } from '../../../shared/domain';

/** Your name is recorded with each status change (who cleared what, and when). */
export function useUserName(): [string, (name: string) => Promise<void>] {
  const [name, setName] = useSetting('userName');
  return [name, setName];
}

type Tab = 'general' | 'markings' | 'imports' | 'encryption' | 'backups';
const TABS: [Tab, string][] = [
  ['general', 'General'],
  ['markings', 'Markings'],
  ['imports', 'Import log'],
  ['encryption', 'Encryption'],
  ['backups', 'Backups'],
];

export function SettingsDialog({ onClose, initialTab = 'general' }: { onClose: () => void; initialTab?: Tab }) {
  const uid = useId();
  const vault = useVault();
  const [tab, setTab] = useState<Tab>(initialTab);
  const [name, setName] = useUserName();
  // null until the user types: the stored name may arrive after the dialog opened
  const [typed, setDraft] = useState<string | null>(null);
  const draft = typed ?? name;
  // the markings form stays mounted once opened, so switching tabs keeps its unsaved edits,
  // and closing the dialog over them asks first
  const [markingsOpened, setMarkingsOpened] = useState(initialTab === 'markings');
  const [markingsDirty, setMarkingsDirty] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const show = (next: Tab) => {
    setTab(next);
    if (next === 'markings') setMarkingsOpened(true);
  };
  const requestClose = () => {
    if (!markingsDirty) {
      onClose();
      return;
    }
    show('markings');
    setConfirmClose(true);
  };
  // encryption and backups belong to the desktop app's vault; the rest is the library's own
  const tabs = vault.status === null ? TABS.filter(([id]) => id === 'general' || id === 'markings' || id === 'imports') : TABS;
  const save = async () => {
    try {
      await setName(draft.trim());
      requestClose();
    } catch (error) {
      notifyError(error, 'Could not save your settings');
    }
  };
  return (
    <Dialog
      title="Settings"
      onClose={requestClose}
      unsaved={typed !== null && typed.trim() !== name.trim()}
      wide={tab === 'markings'}
      footer={
        confirmClose && markingsDirty ? (
          <>
            <span className="grow warn" role="alert">
              The marking scheme has changes that are not saved.
            </span>
            <button type="button" onClick={() => setConfirmClose(false)}>
              Keep editing
            </button>
            <button type="button" className="danger" onClick={onClose}>
              Close without saving them
            </button>
          </>
        ) : tab === 'general' ? (
          <>
            <button type="button" onClick={requestClose}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => void save()}>
              Save
            </button>
          </>
        ) : (
          <button type="button" onClick={requestClose}>
            Close
          </button>
        )
      }
    >
      {tabs.length > 1 && (
        <div className="tabs settings-tabs" role="tablist" aria-label="Settings">
          {tabs.map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`${uid}-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`${uid}-panel`}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => show(id)}
              onKeyDown={(e) => {
                const at = tabs.findIndex(([t]) => t === tab);
                if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                  e.preventDefault();
                  const next = tabs[(at + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length][0];
                  show(next);
                  document.getElementById(`${uid}-tab-${next}`)?.focus();
                }
              }}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      <div className="settings-panel" role={tabs.length > 1 ? 'tabpanel' : undefined} id={`${uid}-panel`} aria-labelledby={tabs.length > 1 ? `${uid}-tab-${tab}` : undefined}>
        {tab === 'general' && (
          <label className="field">
            <span>Your name</span>
            <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="e.g. J. Park, Americas desk" maxLength={LIMITS.short} />
            <small>Recorded with each status change (Draft → In review → Cleared).</small>
          </label>
        )}
        {markingsOpened && (
          <div hidden={tab !== 'markings'}>
            <MarkingsSettings onDirtyChange={setMarkingsDirty} />
          </div>
        )}
        {tab === 'imports' && <ImportLog />}
        {tab === 'encryption' && <EncryptionSettings />}
        {tab === 'backups' && (
          <>
            <p className="muted">Restoring replaces the library with a backup. The library as it is now is backed up first, so nothing is lost.</p>
            <BackupList allowCreate onRestored={vault.restored} />
          </>
        )}
      </div>
    </Dialog>
  );
}
