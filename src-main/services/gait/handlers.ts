import type { gaitCalls } from '../../../src-shared/contract/gait';
import { DEFAULT_EXERCISES } from '../../../src-shared/gait';
import type { HandlersFor } from '../types';
import { analyzeRecording } from './analyze-recording';

/** The gait engine's calls: analysis on request (pure and fast: nothing stored). */
export const gaitHandlers: HandlersFor<typeof gaitCalls> = {
  'gait:analyze': ({ recordingId, cutoffHz }, { library }) =>
    analyzeRecording(library, recordingId, cutoffHz),
  'gait:exercises': () => [...DEFAULT_EXERCISES],
};
