import type { SessionAnalysisStatus } from '../../../src-shared/contract/analysis';
import { earlyDetail, earlyWindowWords } from './earlyWords';
import { isBusy } from './useAnalysis';
import './analysis.css';

/**
 * Above Review and the report, while a clip is still being analysed: its first numbers from the
 * steady window (issue 16 item 3), stored with its job so they are here after a restart too. Always
 * labelled with the window they came from and as provisional; the whole clip's result replaces them
 * when it lands (the clip is no longer busy, this panel drops it). On the report page, the report
 * itself is printed from the window where its frames are stored, labelled provisional; the page says
 * which clips' first numbers are not in it (report/ProvisionalNote.tsx).
 */
export function EarlyNumbersPanel(props: {
  status: SessionAnalysisStatus | null;
  names: Record<string, string>;
  what: 'review' | 'report';
}) {
  const early = (props.status?.clips ?? []).filter((c) => isBusy(c) && c.early);
  if (early.length === 0) return null;
  return (
    <section className="early-numbers" data-early-numbers={props.what} aria-label="First numbers">
      <h3>First numbers (provisional)</h3>
      {early.map((c) => (
        <p key={c.recordingId} data-early-clip={c.recordingId}>
          <strong>{capitalise(props.names[c.recordingId] ?? 'A clip')}:</strong> {earlyWindowWords(c.early!)};
          the whole clip is still being analysed. <span data-early-detail="">{earlyDetail(c.early!)}</span>
        </p>
      ))}
    </section>
  );
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
