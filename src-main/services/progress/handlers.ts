import type { progressCalls } from '../../../src-shared/contract/progress';
import type { HandlersFor } from '../types';
import { lastTimeClip, listEarlierClips } from './earlier-clips';
import { patientProgress } from './patient-progress';
import { getSymptoms, setSymptoms } from './symptoms-store';

/** Progress across visits: the patient's own story per session (stored), the timeline (computed). */
export const progressHandlers: HandlersFor<typeof progressCalls> = {
  'symptoms:get': ({ sessionId }, { library }) => getSymptoms(library.data, sessionId),
  'symptoms:set': async ({ sessionId, fields }, { library, emit }) => {
    const saved = await setSymptoms(library.data, sessionId, fields);
    emit('library:changed', { kind: 'session', id: sessionId });
    return saved;
  },
  'progress:patient': ({ patientId }, { library }) => patientProgress(library, patientId),
  'progress:earlierClips': ({ recordingId }, { library }) => listEarlierClips(library, recordingId),
  'progress:lastTimeClip': ({ recordingId }, { library }) => lastTimeClip(library, recordingId),
};
