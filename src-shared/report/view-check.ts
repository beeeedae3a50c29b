/**
 * The camera-view check lives with the gait engine's clip check (src-shared/gait/view-check.ts),
 * which withholds findings from a clip filed under the wrong view; the report pipeline refuses such
 * a clip with the same evidence.
 */
export { detectView, type ViewEvidence } from '../gait/view-check';
