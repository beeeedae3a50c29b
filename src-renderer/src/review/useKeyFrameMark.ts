import { useCallback } from 'react';
import { keyFrameLabel, type KeyFrameEvent } from '../../../src-shared/review/key-frames';
import type { OverlayToggles } from '../../../src-shared/review/scene';
import type { FrameEvent, ReviewClip } from './model';
import type { ReviewDoc } from './useReviewDoc';

const EVENT_CODE: Record<FrameEvent['kind'], KeyFrameEvent> = {
  'initial-contact': 'IC',
  midstance: 'MS',
  'toe-off': 'TO',
};

/**
 * Key (K): the frame on screen becomes a key frame for the report, labelled by the gait event it
 * shows (if any) and carrying the overlays as they are now, so the report draws what the PT saw.
 * Resolves with the sentence Review says.
 */
export function useKeyFrameMark(
  doc: ReviewDoc,
  active: ReviewClip,
  activeFrame: number,
  events: readonly FrameEvent[] | undefined,
  toggles: OverlayToggles,
): () => Promise<string> {
  return useCallback(async (): Promise<string> => {
    const e = events?.find((x) => x.frame === activeFrame);
    const event = e ? EVENT_CODE[e.kind] : undefined;
    const { all: _all, ...overlays } = toggles;
    await doc.saveKeyFrame({
      recordingId: active.recordingId,
      frame: activeFrame,
      label: keyFrameLabel(event, e?.foot),
      ...(event && { event }),
      ...(e && { side: e.foot }),
      overlays,
    });
    return `Key frame marked: ${active.title}, frame ${activeFrame}.`;
  }, [events, activeFrame, toggles, doc, active]);
}
