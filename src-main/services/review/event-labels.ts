import type { EventLabelsFile } from '../../../src-shared/contract/review';
import type { GaitAnalysis } from '../../../src-shared/gait';

/**
 * A clip's initial contacts and toe-offs in the hand-label format (the labels kept with the test
 * data: kind, side, 0-based frame, sure/unsure), so a clinic's corrected events can join the labelled
 * set. Events the PT placed are "sure"; the detector's are "sure" when its confidence is at least 0.5.
 */
export function eventLabels(analysis: GaitAnalysis): EventLabelsFile {
  const corrected = analysis.events.filter((e) => e.source === 'corrected').length;
  return {
    video: analysis.source.file,
    fps: analysis.source.fps,
    frames: analysis.source.frameCount,
    frame_index: '0-based decode order',
    source: `StrideLab ${analysis.engine.version}: detected events${corrected ? `, ${corrected} corrected by hand in Review` : ''}`,
    events: analysis.events.flatMap((e) =>
      e.kind === 'initial-contact' || e.kind === 'toe-off'
        ? [
            {
              kind: e.kind,
              side: e.side,
              frame: e.frame,
              confidence:
                e.source === 'corrected' || e.confidence >= 0.5 ? ('sure' as const) : ('unsure' as const),
            },
          ]
        : [],
    ),
  };
}
