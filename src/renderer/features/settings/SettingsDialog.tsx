import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { notifyError } from '../../lib/notices';
import { useSetting } from './use-setting';
import './settings.css';

/** Your name is recorded with each status change (who cleared what, and when). */
export function useUserName(): [string, (name: string) => Promise<void>] {
  const [name, setName] = useSetting<string>('userName', '');
  return [name, setName];
}

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useUserName();
  const [draft, setDraft] = useState(name);
  const save = async () => {
    try {
      await setName(draft.trim());
      onClose();
    } catch (error) {
      notifyError(error, 'Could not save your settings');
    }
  };
  return (
    <Dialog
      title="Settings"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            Save
          </button>
        </>
      }
    >
      <label className="field">
        <span>Your name</span>
        <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="e.g. J. Park, Americas desk" maxLength={1000} />
        <small>Recorded with each status change (Draft → In review → Cleared).</small>
      </label>
    </Dialog>
  );
}
