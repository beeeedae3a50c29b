/**
 * Per-event error table of one labelled clip (the accuracy bench's diagnosis view): for each kind
 * and side, every label as `frame:error` (detected − labelled frames; `?` an unsure label, MISS
 * none within the scoring window), then the detections no label matches. Printed by
 * `STRIDELAB_ACCURACY_EVENTS=1 npm run bench -- accuracy`; what issue 20's round 4 traced each wrong
 * event from (docs/gait-methods.md).
 */
import type { GaitAnalysis } from '../../src-shared/gait/schema';
import type { ClipScore, LabelFile } from '../../src-shared/gait/testing/labels';

export function eventErrorTable(result: GaitAnalysis, labels: LabelFile, score: ClipScore): string[] {
  const span = labels.scored_frames;
  const lines: string[] = [];
  for (const kind of ['initial-contact', 'toe-off'] as const)
    for (const side of ['left', 'right'] as const) {
      const row = labels.events
        .filter((e) => e.kind === kind && e.side === side)
        .sort((a, b) => a.frame - b.frame)
        .map((l) => {
          const m = score.matches.find((x) => x.kind === kind && x.side === side && x.label === l.frame);
          const q = l.confidence === 'sure' ? '' : '?';
          return m ? `${l.frame}${q}:${m.error >= 0 ? '+' : ''}${m.error}` : `${l.frame}${q}:MISS`;
        });
      const invented = result.events
        .filter(
          (e) =>
            e.kind === kind &&
            e.side === side &&
            e.source === 'detected' &&
            (!span || (e.frame >= span.first && e.frame <= span.last)) &&
            !score.matches.some((x) => x.kind === kind && x.side === side && x.detected === e.frame),
        )
        .map((e) => e.frame);
      lines.push(
        `${kind === 'initial-contact' ? 'IC' : 'TO'} ${side.padEnd(5)} ${row.join(' ')}` +
          (invented.length ? `  invented at ${invented.join(', ')}` : ''),
      );
    }
  return lines;
}
