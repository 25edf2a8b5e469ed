import { Dialog } from '../../components/Dialog';
import './settings.css';

const SHORTCUTS: [string, string][] = [
  ['Ctrl+N', 'New item'],
  ['Ctrl+Shift+N', 'New book'],
  ['Ctrl+E', 'Export the open book'],
  ['Ctrl+K or Ctrl+F', 'Search the library'],
  ['Ctrl+L', 'Lock the library (when it is encrypted)'],
  ['Enter', 'Open the selected item or search hit'],
  ['↑ / ↓', 'Move through the library, search hits and the outline'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo (text in the editor; moves, adds and deletes elsewhere)'],
  ['Alt+↑ / Alt+↓', 'Move the focused section or item up or down (items cross into the next section)'],
  ['F2', 'Rename the focused section'],
  ['Delete', 'Remove the focused item from its section, or delete the focused section'],
  ['Ctrl+B / Ctrl+I', 'Bold / italic in the body'],
  ['Ctrl+Shift+P', 'Show or hide the page preview beside the item editor'],
  ['Ctrl+Shift+8 / Ctrl+Shift+7', 'Bullets / numbered list in the body'],
  ['Space (in the picker)', 'Select several items; Enter adds them'],
  ['F1', 'This sheet'],
  ['Esc', 'Close a dialog'],
];

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                {keys.split(' / ').map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' / '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
