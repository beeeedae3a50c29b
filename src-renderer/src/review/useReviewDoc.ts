/**
 * What the PT edits in the review, kept in step with the library: hand corrections per recording,
 * gait-event corrections per recording, measurements and key frames of the session, and the
 * undo/redo history over them. Every edit is
 * saved at once (nothing to "save" later); undo applies the inverse edit through the same calls.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { EventEditInput, KeyFrameInput, MeasurementInput } from '../../../src-shared/contract/review';
import { correctionKey, type Correction } from '../../../src-shared/review/corrections';
import {
  emptyHistory,
  invert,
  record,
  redo,
  undo,
  type Change,
  type History,
} from '../../../src-shared/review/history';
import type { KeyFrameMark } from '../../../src-shared/review/key-frames';
import type { Measurement } from '../../../src-shared/review/measure';
import { useLatestState } from '../useLatestState';
import type { LandmarkName } from '../../../src-shared/pose/landmarks';
import { api, useEvent } from '../api/client';

type Point = { readonly x: number; readonly y: number } | null;
type MeasurementState = Omit<MeasurementInput, 'sessionId'> | null;
type KeyFrameState = Omit<KeyFrameInput, 'sessionId'> | null;

export type ReviewEdit =
  | ({
      readonly kind: 'correction';
      readonly recordingId: string;
      readonly frame: number;
      readonly landmark: LandmarkName;
    } & Change<Point>)
  | ({ readonly kind: 'measurement'; readonly id: string } & Change<MeasurementState>)
  | ({ readonly kind: 'key-frame'; readonly id: string } & Change<KeyFrameState>)
  /** A clip's event corrections, whole lists before and after (review:setEventEdits replaces the list). */
  | ({ readonly kind: 'events'; readonly recordingId: string } & Change<readonly EventEditInput[]>);

export interface ReviewDoc {
  readonly corrections: ReadonlyMap<string, readonly Correction[]>;
  /** Per recording, the PT's gait-event corrections in the order they apply. */
  readonly eventEdits: ReadonlyMap<string, readonly EventEditInput[]>;
  readonly measurements: readonly Measurement[];
  readonly keyFrames: readonly KeyFrameMark[];
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  correct(recordingId: string, frame: number, landmark: LandmarkName, to: Point): Promise<void>;
  saveMeasurement(m: Omit<MeasurementInput, 'sessionId' | 'id'> & { id?: string }): Promise<void>;
  deleteMeasurement(id: string): Promise<void>;
  saveKeyFrame(k: Omit<KeyFrameInput, 'sessionId' | 'id'> & { id?: string }): Promise<void>;
  deleteKeyFrame(id: string): Promise<void>;
  /**
   * Change a clip's event corrections (one undoable step): `change` gets the latest saved list and
   * returns the new one (undefined: nothing to do). Calls run one after the other, so key presses
   * faster than the library answers each build on the one before.
   */
  editEvents(
    recordingId: string,
    change: (current: readonly EventEditInput[]) => readonly EventEditInput[] | undefined,
  ): Promise<void>;
  undo(): Promise<string | undefined>;
  redo(): Promise<string | undefined>;
}

const EDIT_WORDS: Record<ReviewEdit['kind'], string> = {
  correction: 'point moved',
  measurement: 'measurement',
  'key-frame': 'key frame',
  events: 'gait event correction',
};

export function useReviewDoc(sessionId: string, recordingIds: readonly string[]): ReviewDoc {
  // The latest corrections without waiting for a render: a point corrected before the first read
  // answered took `before` from the empty list, so its undo deleted the correction instead of
  // putting back the PT's earlier one (the same wait as the key frames' below).
  const [corrections, correctionsRef, setCorrections] = useLatestState<
    ReadonlyMap<string, readonly Correction[]>
  >(new Map());
  const [measurements, setMeasurements] = useState<readonly Measurement[]>([]);
  // The latest key frames without waiting for a render, and the first read of the review's saved
  // work: K pressed before it answered on a frame that had a key frame made a new one, which the
  // library refused ("already a key frame") where K re-marks it with the overlays shown now.
  const [keyFrames, keyFramesRef, setKeyFrames] = useLatestState<readonly KeyFrameMark[]>([]);
  const firstRead = useRef<Promise<void>>(Promise.resolve());
  // The latest lists without waiting for a render (editEvents reads them), and the queue of changes.
  const [eventEdits, eventEditsRef, putEventEdits] = useLatestState<
    ReadonlyMap<string, readonly EventEditInput[]>
  >(new Map());
  const eventQueue = useRef<Promise<unknown>>(Promise.resolve());
  const [history, setHistory] = useState<History<ReviewEdit>>(emptyHistory());
  const historyRef = useRef(history);
  useLayoutEffect(() => {
    historyRef.current = history;
  });
  const idsKey = recordingIds.join('/');

  const reloadCorrections = useCallback(async () => {
    const ids = idsKey.split('/').filter(Boolean);
    const lists = await Promise.all(ids.map((id) => api('review:corrections', { recordingId: id })));
    setCorrections(new Map(ids.map((id, k) => [id, lists[k]!])));
  }, [idsKey, setCorrections]);
  const reloadEventEdits = useCallback(async () => {
    const ids = idsKey.split('/').filter(Boolean);
    const lists = await Promise.all(ids.map((id) => api('review:eventEdits', { recordingId: id })));
    putEventEdits(new Map(ids.map((id, k) => [id, lists[k]!])));
  }, [idsKey, putEventEdits]);
  const reloadMeasurements = useCallback(
    async () => setMeasurements(await api('review:measurements', { sessionId })),
    [sessionId],
  );
  const reloadKeyFrames = useCallback(
    async () => setKeyFrames(await api('review:keyFrames', { sessionId })),
    [sessionId, setKeyFrames],
  );

  useEffect(() => {
    let live = true;
    const ids = idsKey.split('/').filter(Boolean);
    const read = Promise.all([
      Promise.all(ids.map((id) => api('review:corrections', { recordingId: id }))),
      api('review:measurements', { sessionId }),
      api('review:keyFrames', { sessionId }),
      Promise.all(ids.map((id) => api('review:eventEdits', { recordingId: id }))),
    ]).then(
      ([lists, m, k, ev]) => {
        if (!live) return;
        setCorrections(new Map(ids.map((id, j) => [id, lists[j]!])));
        putEventEdits(new Map(ids.map((id, j) => [id, ev[j]!])));
        setMeasurements(m);
        setKeyFrames(k);
      },
      () => undefined,
    );
    // An event key pressed before the clip's saved corrections are read waits for them: the list it
    // saves replaces the stored one, so built on the empty list it threw the PT's earlier corrections
    // away (the analysis, and so the keys, can be ready before these answers on a busy server).
    eventQueue.current = eventQueue.current.then(() => read);
    firstRead.current = read;
    return () => {
      live = false;
    };
  }, [idsKey, sessionId, putEventEdits, setKeyFrames, setCorrections]);
  // Another window (or the report) changed something: read it again.
  useEvent('review:changed', (e) => {
    if (e.sessionId !== sessionId) return;
    if (e.kind === 'corrections') void reloadCorrections();
    else if (e.kind === 'events') void reloadEventEdits();
    else if (e.kind === 'measurements') void reloadMeasurements();
    else void reloadKeyFrames();
  });

  /** Put one edit's `after` state into the library (and local state). */
  const apply = useCallback(
    async (e: ReviewEdit): Promise<void> => {
      if (e.kind === 'correction') {
        const target = { recordingId: e.recordingId, frame: e.frame, landmark: e.landmark };
        if (e.after) {
          const saved = await api('review:correct', { ...target, x: e.after.x, y: e.after.y });
          setCorrections((m) => {
            const list = (m.get(e.recordingId) ?? []).filter(
              (c) => correctionKey(c) !== correctionKey(saved),
            );
            return new Map(m).set(e.recordingId, [...list, saved]);
          });
        } else {
          await api('review:uncorrect', target);
          setCorrections((m) =>
            new Map(m).set(
              e.recordingId,
              (m.get(e.recordingId) ?? []).filter((c) => correctionKey(c) !== correctionKey(target)),
            ),
          );
        }
      } else if (e.kind === 'events') {
        const saved = await api('review:setEventEdits', { recordingId: e.recordingId, edits: [...e.after] });
        putEventEdits(new Map(eventEditsRef.current).set(e.recordingId, saved));
      } else if (e.kind === 'measurement') {
        if (e.after) await api('review:saveMeasurement', { ...e.after, id: e.id, sessionId });
        else await api('review:deleteMeasurement', { id: e.id });
        await reloadMeasurements();
      } else {
        if (e.after) await api('review:saveKeyFrame', { ...e.after, id: e.id, sessionId });
        else await api('review:deleteKeyFrame', { id: e.id });
        await reloadKeyFrames();
      }
    },
    [sessionId, reloadMeasurements, reloadKeyFrames, putEventEdits, eventEditsRef, setCorrections],
  );

  const perform = useCallback(
    async (e: ReviewEdit): Promise<void> => {
      await apply(e);
      setHistory((h) => record(h, e));
    },
    [apply],
  );

  const toMeasurementState = (m: Measurement): MeasurementState => ({
    recordingId: m.recordingId,
    frame: m.frame,
    tool: m.tool,
    points: m.points.map((p) => [p[0], p[1]] as [number, number]),
    ...(m.text !== undefined && { text: m.text }),
    ...(m.lengthCm !== undefined && { lengthCm: m.lengthCm }),
  });
  const toKeyFrameState = (k: KeyFrameMark): KeyFrameState => ({
    recordingId: k.recordingId,
    frame: k.frame,
    label: k.label,
    overlays: k.overlays,
    ...(k.event !== undefined && { event: k.event }),
    ...(k.side !== undefined && { side: k.side }),
  });

  return {
    corrections,
    eventEdits,
    measurements,
    keyFrames,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    async correct(recordingId, frame, landmark, to) {
      await firstRead.current;
      const old = correctionsRef.current
        .get(recordingId)
        ?.find((c) => c.frame === frame && c.landmark === landmark);
      await perform({
        kind: 'correction',
        recordingId,
        frame,
        landmark,
        before: old ? { x: old.x, y: old.y } : null,
        after: to,
      });
    },
    async saveMeasurement(m) {
      const old = m.id ? measurements.find((x) => x.id === m.id) : undefined;
      const id = m.id ?? crypto.randomUUID();
      const { id: _drop, ...after } = m;
      await perform({ kind: 'measurement', id, before: old ? toMeasurementState(old) : null, after });
    },
    async deleteMeasurement(id) {
      const old = measurements.find((x) => x.id === id);
      if (old) await perform({ kind: 'measurement', id, before: toMeasurementState(old), after: null });
    },
    async saveKeyFrame(k) {
      await firstRead.current;
      const marks = keyFramesRef.current;
      const old = k.id
        ? marks.find((x) => x.id === k.id)
        : marks.find((x) => x.recordingId === k.recordingId && x.frame === k.frame);
      const id = old?.id ?? k.id ?? crypto.randomUUID();
      const { id: _drop, ...after } = k;
      await perform({ kind: 'key-frame', id, before: old ? toKeyFrameState(old) : null, after });
    },
    async deleteKeyFrame(id) {
      const old = keyFrames.find((x) => x.id === id);
      if (old) await perform({ kind: 'key-frame', id, before: toKeyFrameState(old), after: null });
    },
    editEvents(recordingId, change) {
      const run = async (): Promise<void> => {
        const before = eventEditsRef.current.get(recordingId) ?? [];
        const after = change(before);
        if (after) await perform({ kind: 'events', recordingId, before, after });
      };
      const done = eventQueue.current.then(run, run);
      eventQueue.current = done.catch(() => undefined);
      return done;
    },
    async undo() {
      const { history: h, edit } = undo(historyRef.current);
      if (!edit) return 'Nothing to undo.';
      await apply(invert(edit));
      setHistory(h);
      return `Undone: ${EDIT_WORDS[edit.kind]}.`;
    },
    async redo() {
      const { history: h, edit } = redo(historyRef.current);
      if (!edit) return 'Nothing to redo.';
      await apply(edit);
      setHistory(h);
      return `Redone: ${EDIT_WORDS[edit.kind]}.`;
    },
  };
}
