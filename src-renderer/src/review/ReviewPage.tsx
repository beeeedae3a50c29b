/**
 * `#/sessions/<id>/review[/<recordingA>[/<recordingB>]]`: the review of a session. Picks the clips
 * (side + rear of one condition by default), opens them, and hands them to the workspace.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Recording } from '../../../src-shared/contract/recordings';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { seconds } from '../../../src-shared/units';
import { api, useEvent } from '../api/client';
import { Crumbs } from '../Crumbs';
import { navigate } from '../router';
import { useLoad } from '../useLoad';
import { loadOffsets, loadSeries } from './analysis';
import { clipTitle, defaultSelection, openRecording, type OpenedClip } from './clips';
import type { ReviewClip } from './model';
import { ClipPicker } from './ClipPicker';
import { LastTimeReport, type LastTimeShown } from './last-time/shown';
import { ReviewWorkspace } from './ReviewWorkspace';
import { SessionFocus, sessionFocus } from './session-focus';
import { SessionClips, SessionEdits } from './session-side-clips';
import { useSavedEdits } from './useSavedEdits';
import { useSessionClips } from './useSessionClips';
import './review.css';
import './legends.css';
import './events.css';

export interface ReviewPageProps {
  readonly sessionId: string;
  /** Recording ids from the route; empty for the default pair. */
  readonly clips: readonly string[];
}

interface LoadedClip extends OpenedClip {
  readonly series?: LandmarkSeries;
  readonly note?: string;
  readonly offset: number;
}

interface OpenState {
  readonly key: string;
  readonly opened?: LoadedClip[];
  readonly error?: string;
}

/** Open the chosen recordings (and close them when the choice changes or the page goes). */
function useOpenedClips(
  sessionId: string,
  recordings: readonly Recording[] | undefined,
  ids: readonly string[],
  version: number,
) {
  const chosen = recordings ? ids.map((id) => recordings.find((r) => r.id === id)) : undefined;
  const missing = Boolean(chosen?.some((r) => !r));
  // Reopen only when the choice (or a chosen recording) really changes, not on every list reload.
  const key =
    chosen && !missing ? `${chosen.map((r) => `${r!.id}@${r!.updatedAt}`).join('/')}#${version}` : '';
  const chosenRef = useRef(chosen);
  useLayoutEffect(() => {
    chosenRef.current = chosen;
  });
  const [state, setState] = useState<OpenState>({ key: '' });
  useEffect(() => {
    const list = chosenRef.current;
    if (!key || !list) return;
    let live = true;
    const all: OpenedClip[] = [];
    Promise.all(
      list.map((r) =>
        openRecording(r!).then((o) => {
          if (live) all.push(o);
          else o.clip.close();
          return o;
        }),
      ),
    )
      .then(async (clips) => {
        // Landmarks (when the pose engine has run) and the stored alignment of the clips.
        const [series, offsets] = await Promise.all([
          // A clip whose landmarks cannot be read still plays; it says why it has no numbers.
          Promise.all(
            clips.map((c) =>
              loadSeries(c.recording.id).catch((err: unknown) => ({
                note: `Landmarks unavailable: ${err instanceof Error ? err.message : String(err)}`,
              })),
            ),
          ),
          loadOffsets(
            sessionId,
            clips.map((c) => c.recording),
          ),
        ]);
        return clips.map((c, k) => ({ ...c, ...series[k], offset: offsets[k] ?? 0 }));
      })
      .then(
        (opened) => {
          if (live) setState({ key, opened });
        },
        (err: unknown) => {
          if (live)
            setState({
              key,
              error: `The clip cannot be opened: ${err instanceof Error ? err.message : String(err)}`,
            });
        },
      );
    return () => {
      // Closing here (not in a separate effect) ties each decoder to the choice that opened it.
      live = false;
      all.forEach((o) => o.clip.close());
    };
  }, [key, sessionId]);
  if (missing)
    return { error: 'A clip of this review is not in this session (deleted, or not imported yet).' };
  return state.key === key ? { opened: state.opened, error: state.error } : {};
}

export function ReviewPage(props: ReviewPageProps) {
  const {
    data,
    error: loadError,
    reload,
  } = useLoad(async () => {
    const session = await api('sessions:get', { id: props.sessionId });
    const patient = await api('patients:get', { id: session.patientId });
    const recordings = await api('recordings:list', { sessionId: props.sessionId });
    return { session, patient, recordings };
  }, [props.sessionId]);
  useEvent('library:changed', (e) => {
    if (e.kind === 'recording') reload();
  });
  const ids = useMemo(
    () => (props.clips.length ? [...props.clips] : data ? defaultSelection(data.recordings) : []),
    [props.clips, data],
  );
  // An open clip's analysis finishing brings its landmarks in (the clips are read again).
  const [poseRuns, setPoseRuns] = useState(0);
  useEvent('analysis:changed', (e) => {
    if (e.state === 'done' && ids.includes(e.recordingId)) setPoseRuns((n) => n + 1);
  });
  const { opened, error } = useOpenedClips(props.sessionId, data?.recordings, ids, poseRuns);
  // The session's clips as the report reads them, for "What to work on first" (session-side-clips.ts).
  const sessionClips = useSessionClips(data?.recordings);
  const savedEdits = useSavedEdits(props.sessionId);
  // Re-read the alignment when it changes (a nudge here, an estimate elsewhere).
  const [offsets, setOffsets] = useState<{ key: string; values: number[] } | undefined>(undefined);
  const openedKey = opened?.map((o) => o.recording.id).join('/') ?? '';
  useEvent('sync:changed', (e) => {
    if (e.sessionId !== props.sessionId || !opened) return;
    loadOffsets(
      props.sessionId,
      opened.map((o) => o.recording),
    ).then(
      (values) => setOffsets({ key: openedKey, values }),
      () => undefined,
    );
  });
  const clips = useMemo<ReviewClip[] | undefined>(
    () =>
      opened?.map((o, k) => ({
        recordingId: o.recording.id,
        title: clipTitle(o.recording, data?.session),
        view: o.recording.view,
        clip: o.clip,
        table: o.table,
        offset: seconds(offsets?.key === openedKey ? (offsets.values[k] ?? o.offset) : o.offset),
        trim: o.recording.trim,
        ...(data?.patient.heightCm ? { heightCm: data.patient.heightCm } : {}),
        ...(o.series && { series: o.series }),
        ...(o.note && { note: o.note }),
      })),
    [opened, data, offsets, openedKey],
  );

  // What last time's player shows, for the Right player picker (last-time/shown.ts).
  const [lastTime, setLastTime] = useState<LastTimeShown | null>(null);
  // The moment on screen (session time), kept when the PT chooses another clip for a player.
  const shownAt = useRef(0);
  const [startAt, setStartAt] = useState(0);
  const go = (next: string[]): void => {
    setStartAt(shownAt.current);
    navigate({ page: 'session-review', id: props.sessionId, clips: next });
  };

  if (loadError)
    return (
      <p className="error" role="alert">
        {loadError}
      </p>
    );
  if (!data) return <p className="muted">Loading…</p>;
  const { session, patient, recordings } = data;
  return (
    <section className="page review-page">
      <Crumbs patient={patient} session={session} />
      <div className="page-head">
        <h1>Review</h1>
        <ClipPicker
          clips={recordings
            .filter((r) => r.proxyStatus === 'ready')
            .map((r) => ({ id: r.id, words: `${clipTitle(r, session)} (${r.originalName})` }))}
          ids={ids}
          lastTime={lastTime}
          onPick={go}
        />
      </div>
      {recordings.length === 0 && (
        <p className="muted">This session has no clips yet: import or record them on the session page.</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {opened?.map((o) =>
        o.warning ? (
          <p key={o.recording.id} className="muted">
            {clipTitle(o.recording, session)}: {o.warning}
          </p>
        ) : null,
      )}
      {!error && ids.length > 0 && !clips && <p className="muted">Opening the clips…</p>}
      {clips && clips.length > 0 && (
        <SessionFocus.Provider value={sessionFocus(session)}>
          <SessionClips.Provider value={sessionClips}>
            <SessionEdits.Provider value={savedEdits}>
              <LastTimeReport.Provider value={setLastTime}>
                <ReviewWorkspace
                  key={ids.join('/')}
                  sessionId={props.sessionId}
                  clips={clips}
                  startAt={startAt}
                  onTime={(t) => {
                    shownAt.current = t;
                  }}
                />
              </LastTimeReport.Provider>
            </SessionEdits.Provider>
          </SessionClips.Provider>
        </SessionFocus.Provider>
      )}
    </section>
  );
}
