import { useState } from 'react';
import { api, useEvent } from '../api/client';
import { useLoad } from '../useLoad';

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Library backups: one button makes a complete copy (database and media) inside the library's
 * backups folder; restoring one brings the library back exactly as it was then.
 */
export function BackupsPage() {
  const { data, error, reload } = useLoad(() => api('library:backups', {}), []);
  const [status, setStatus] = useState<{ busy: boolean; message?: string; error?: string }>({ busy: false });
  useEvent('library:changed', reload);
  const run = async (work: () => Promise<string>): Promise<void> => {
    setStatus({ busy: true });
    try {
      setStatus({ busy: false, message: await work() });
      reload();
    } catch (err) {
      setStatus({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <section className="page narrow">
      <div className="page-head">
        <h1>Backups</h1>
        <button
          type="button"
          disabled={status.busy}
          onClick={() =>
            void run(async () => {
              const b = await api('library:backup', {});
              return `Backup ${b.name} made (${mb(b.sizeBytes)}).`;
            })
          }
        >
          Back up now
        </button>
      </div>
      {status.busy && <p role="status">Working…</p>}
      {status.message && <p role="status">{status.message}</p>}
      {(status.error ?? error) && (
        <p className="error" role="alert">
          {status.error ?? error}
        </p>
      )}
      {data && data.length === 0 && <p className="muted">No backups yet.</p>}
      <ul className="list" aria-label="Backups">
        {data?.map((b) => (
          <li key={b.name} className="trash-item" data-testid="backup-row">
            <span className="name">{b.createdAt.slice(0, 16).replace('T', ' ')}</span>
            <span className="muted">
              {b.name} · {mb(b.sizeBytes)}
            </span>
            <span className="actions">
              <button
                type="button"
                className="secondary"
                disabled={status.busy}
                onClick={() => {
                  if (
                    !window.confirm(
                      `Restore the library to ${b.createdAt.slice(0, 16).replace('T', ' ')}? Changes made since then are replaced.`,
                    )
                  )
                    return;
                  void run(async () => {
                    await api('library:restore', { name: b.name });
                    return `Library restored from ${b.name}.`;
                  });
                }}
              >
                Restore
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
