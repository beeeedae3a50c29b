import { api, useEvent } from '../api/client';
import { useLoad } from '../useLoad';

/** Deleted patients and sessions, newest first: restore, or delete for good. */
export function TrashPage() {
  const { data, error, reload } = useLoad(() => api('trash:list', {}), []);
  useEvent('library:changed', reload);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p className="muted">Loading…</p>;
  return (
    <section className="page">
      <h1>Trash</h1>
      {data.length === 0 && <p className="muted">The trash is empty.</p>}
      <ul className="list" aria-label="Trash">
        {data.map((item) => (
          <li key={`${item.kind}:${item.id}`} className="trash-item" data-testid="trash-row">
            <span className="name">{item.label}</span>
            <span className="muted">
              {item.kind} · deleted {item.deletedAt.slice(0, 16).replace('T', ' ')}
            </span>
            <span className="actions">
              <button
                type="button"
                onClick={() => void api('trash:restore', { kind: item.kind, id: item.id }).then(reload)}
              >
                Restore
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (window.confirm(`Delete “${item.label}” for good? This cannot be undone.`)) {
                    void api('trash:purge', { kind: item.kind, id: item.id }).then(reload);
                  }
                }}
              >
                Delete for good
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
