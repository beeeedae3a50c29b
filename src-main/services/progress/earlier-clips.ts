import { conditionSettings, settingsText } from '../../../src-shared/library/conditions';
import type { Recording } from '../../../src-shared/contract/recordings';
import { earlierClips, type EarlierClip, type LastTimeClip } from '../../../src-shared/progress/earlier';
import { frameEvents } from '../../../src-shared/review/analyse';
import { ServiceError } from '../errors';
import { analyzeRecordingWithSeries } from '../gait/analyze-recording';
import type { Library } from '../library/db';
import { getSession, listSessions } from '../library/sessions';
import { getRecording, listRecordings } from '../media/recordings-db';

/**
 * "Last time vs today" in the review (issue 18 item 2, docs/progress.md §8): the earlier clips that
 * can stand beside a clip of today, and one earlier clip's events and landmarks. Both read through
 * the library's own queries and the one analysis path (analyzeRecordingWithSeries), so last time's
 * clip shows the events and corrections its own review and report show.
 */
async function recordingOrRefuse(library: Library, recordingId: string): Promise<Recording> {
  try {
    return await getRecording(library.data, recordingId);
  } catch (err) {
    if (err instanceof ServiceError && err.code === 'not-found')
      throw new ServiceError('not-found', 'This clip is no longer in the library.', 'recordingId');
    throw err;
  }
}

/** Earlier sessions: before this one's date, or the same date filed before it. */
export async function listEarlierClips(library: Library, recordingId: string): Promise<EarlierClip[]> {
  const rec = await recordingOrRefuse(library, recordingId);
  const session = await getSession(library.data, rec.sessionId);
  const settings = conditionSettings(rec.condition, session);
  const earlier = (await listSessions(library.data, session.patientId)).filter(
    (s) =>
      s.id !== session.id &&
      (s.date < session.date || (s.date === session.date && s.createdAt < session.createdAt)),
  );
  const perSession = await Promise.all(
    earlier.map(async (s) => ({ s, recs: await listRecordings(library.data, s.id) })),
  );
  const candidates = perSession.flatMap(({ s, recs }) =>
    recs.map((r) => {
      const c = conditionSettings(r.condition, s);
      return {
        recordingId: r.id,
        sessionId: s.id,
        date: s.date,
        view: r.view,
        label: r.condition.label,
        speedKmh: c.speedKmh ?? null,
        inclinePct: c.inclinePct ?? null,
        settings: settingsText(c),
        playable: r.proxyStatus === 'ready',
      };
    }),
  );
  return earlierClips(
    {
      view: rec.view,
      label: rec.condition.label,
      speedKmh: settings.speedKmh ?? null,
      inclinePct: settings.inclinePct ?? null,
    },
    candidates,
  );
}

export async function lastTimeClip(library: Library, recordingId: string): Promise<LastTimeClip> {
  await recordingOrRefuse(library, recordingId);
  try {
    const { analysis, series } = await analyzeRecordingWithSeries(library, recordingId, 'auto');
    return { recordingId, events: frameEvents(analysis), series };
  } catch (err) {
    const note =
      err instanceof ServiceError && err.code === 'not-found'
        ? 'Last time\u2019s clip has no pose landmarks yet: analyse it in its own session first.'
        : `Last time\u2019s clip has no gait events: ${err instanceof Error ? err.message : String(err)}`;
    return { recordingId, events: [], series: null, note };
  }
}
