import { useQuery } from '@tanstack/react-query';
import { Dialog } from '../../components/Dialog';
import { ErrorState } from '../../components/EmptyState';
import { apiQuery, errorMessage, hasMethod } from '../../lib/api';
import './settings.css';

/** Help → About: version, platform and the licences of the bundled fonts and libraries. */
export function AboutDialog({ onClose }: { onClose: () => void }) {
  const info = useQuery({ ...apiQuery('app.info', {}), enabled: hasMethod('app.info') });
  return (
    <Dialog title="About Briefbook" onClose={onClose}>
      {info.isError && <ErrorState message={errorMessage(info.error)} />}
      {info.data !== undefined && (
        <>
          <p>
            <strong>{info.data.name}</strong> {info.data.version} · {info.data.platform}
            {info.data.electron !== null ? ` · Electron ${info.data.electron}` : ''}
            {info.data.packaged ? '' : ' · development build'}
          </p>
          <p className="muted">Works offline: no network, no telemetry, no updates from the internet.</p>
          {info.data.licences.length > 0 && (
            <table className="shortcut-table">
              <caption className="visually-hidden">Licences</caption>
              <tbody>
                {info.data.licences.map((l) => (
                  <tr key={l.name}>
                    <th scope="row">{l.name}</th>
                    <td>{l.licence}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {!hasMethod('app.info') && <p className="muted">Version details are available in the desktop app.</p>}
    </Dialog>
  );
}
