import type { CaptureTake } from '../../../src-shared/contract/capture';

const STATUS_WORDS: Record<CaptureTake['status'], string> = {
  recording: 'recording…',
  saved: 'saved',
  recovered: 'recovered after a crash',
  failed: 'not saved',
  discarded: 'discarded (in the trash)',
};

/** This session's takes, newest first, with what each clip holds. */
export function TakeList(props: { takes: readonly CaptureTake[] }) {
  if (props.takes.length === 0) return <p className="muted">No takes recorded in this session yet.</p>;
  return (
    <ul className="list capture-takes" aria-label="Takes">
      {[...props.takes].reverse().map((t) => (
        <li key={t.id} data-testid="take-row" data-status={t.status}>
          <div className="trash-item">
            <span className="name">{t.name}</span>
            <span className="muted">{STATUS_WORDS[t.status]}</span>
            <span className="muted">
              {t.clips
                .map(
                  (c) =>
                    `${c.view}: ${c.frameCount !== undefined ? `${c.frameCount} frames` : (c.error ?? '—')}`,
                )
                .join(' · ')}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
