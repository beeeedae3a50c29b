/**
 * The Markers mode of the review (issue 15), for the active clip: find candidate markers on the frame
 * on screen (brightness, or the colour of a marker the PT clicks), name them once, track them in
 * main with progress and cancel, read the tracks back, and correct a point by dragging it, with its
 * own undo/redo (before/after pairs, as the review's history: src-shared/review/history.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  DetectedBlobs,
  Detection,
  MarkerSetup,
  MarkerTracks,
  MarkerTrackStatus,
} from '../../../../src-shared/contract/markers';
import type { MarkerName } from '../../../../src-shared/markers';
import { markerDefinition } from '../../../../src-shared/markers';
import { emptyHistory, record, redo, undo, type History } from '../../../../src-shared/review/history';
import { api, useEvent } from '../../api/client';

type Point = { readonly x: number; readonly y: number } | null;
interface MarkerEdit {
  readonly recordingId: string;
  readonly marker: MarkerName;
  readonly frame: number;
  readonly before: Point;
  readonly after: Point;
}

export interface MarkersModel {
  readonly on: boolean;
  setOn(on: boolean): void;
  readonly setup: MarkerSetup | null;
  readonly tracks: MarkerTracks | null;
  readonly status: MarkerTrackStatus | null;
  readonly detected: DetectedBlobs | null;
  /** "Pick a colour": the next click on the picture takes that marker's colour. */
  readonly picking: boolean;
  setPicking(p: boolean): void;
  /** The candidate clicked, waiting for its name. */
  readonly chosen: number | null;
  readonly busy: boolean;
  readonly message: string;
  detect(frame: number, detection?: Detection): Promise<void>;
  /** A click on the picture (video pixels): a colour pick, or choosing the candidate under it. */
  click(frame: number, x: number, y: number): void;
  choose(index: number | null): void;
  /** Give the chosen candidate a name (saved at once with the others of its frame). */
  name(name: MarkerName): Promise<void>;
  unname(name: MarkerName): Promise<void>;
  track(): Promise<void>;
  cancel(): Promise<void>;
  correct(marker: MarkerName, frame: number, at: Point): Promise<void>;
  readonly canUndo: boolean;
  undo(): Promise<string>;
  redo(): Promise<string>;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function useMarkers(recordingId: string): MarkersModel {
  const [on, setOn] = useState(false);
  const [setup, setSetup] = useState<MarkerSetup | null>(null);
  const [tracks, setTracks] = useState<MarkerTracks | null>(null);
  const [status, setStatus] = useState<MarkerTrackStatus | null>(null);
  const [detected, setDetected] = useState<DetectedBlobs | null>(null);
  const [picking, setPicking] = useState(false);
  const [chosen, setChosen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [history, setHistory] = useState<History<MarkerEdit>>(emptyHistory());
  const idRef = useRef(recordingId);
  useEffect(() => {
    idRef.current = recordingId;
  });
  // Another clip became active: drop what was found on the last one (React's "adjust state when a
  // prop changes" pattern, during render rather than in an effect).
  const [forId, setForId] = useState(recordingId);
  if (forId !== recordingId) {
    setForId(recordingId);
    setDetected(null);
    setChosen(null);
    setMessage('');
    setHistory(emptyHistory());
    setSetup(null);
    setTracks(null);
    setStatus(null);
  }

  const reload = useCallback(async (id: string): Promise<void> => {
    const [s, t] = await Promise.all([
      api('markers:setup', { recordingId: id }),
      api('markers:tracks', { recordingId: id }),
    ]);
    if (idRef.current !== id) return;
    setSetup(s);
    setTracks(t);
    setStatus(t.status);
  }, []);

  useEffect(() => {
    reload(recordingId).catch((err: unknown) => setMessage(errorText(err)));
  }, [recordingId, reload]);

  useEvent('markers:progress', (p) => {
    if (p.recordingId !== idRef.current) return;
    setStatus({
      recordingId: p.recordingId,
      state: 'running',
      framesDone: p.framesDone,
      frameCount: p.frameCount,
      error: null,
    });
  });
  useEvent('markers:changed', (p) => {
    if (p.recordingId !== idRef.current) return;
    if (p.state === 'done') setMessage('Markers tracked through the clip.');
    if (p.state === 'cancelled') setMessage('Tracking stopped; the earlier tracks (if any) are kept.');
    if (p.state === 'failed') setMessage(p.error ?? 'Tracking failed.');
    reload(p.recordingId).catch((err: unknown) => setMessage(errorText(err)));
  });

  const detect = useCallback(async (frame: number, detection?: Detection): Promise<void> => {
    setBusy(true);
    setMessage('');
    try {
      const d = await api('markers:detect', {
        recordingId: idRef.current,
        frame,
        ...(detection && { detection }),
      });
      setDetected(d);
      setChosen(null);
      setMessage(
        d.blobs.length
          ? `${d.blobs.length} possible marker${d.blobs.length === 1 ? '' : 's'} on frame ${frame}: click one to name it.`
          : `No markers found on frame ${frame}. Try "Pick a colour" and click a marker.`,
      );
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  }, []);

  const saveNames = useCallback(
    async (frame: number, detection: Detection, markers: MarkerSetup['markers']): Promise<void> => {
      const saved = await api('markers:name', {
        recordingId: idRef.current,
        frame,
        detection,
        markers: [...markers],
      });
      setSetup(saved);
      setStatus(await api('markers:status', { recordingId: idRef.current }));
    },
    [],
  );

  const click = useCallback(
    (frame: number, x: number, y: number): void => {
      if (picking) {
        setPicking(false);
        setBusy(true);
        api('markers:detect', { recordingId: idRef.current, frame, pick: { x, y } })
          .then((d) => {
            setDetected(d);
            setChosen(null);
            setMessage(
              `${d.blobs.length} marker${d.blobs.length === 1 ? '' : 's'} of that colour on frame ${frame}: click one to name it.`,
            );
          })
          .catch((err: unknown) => setMessage(errorText(err)))
          .finally(() => setBusy(false));
        return;
      }
      if (!detected || detected.frame !== frame) return;
      // The candidate under the click (its radius plus a finger's width of slack).
      let best: number | null = null;
      let bestD = Infinity;
      detected.blobs.forEach((b, i) => {
        const d = Math.hypot(b.x - x, b.y - y);
        if (d < b.radiusPx + 8 && d < bestD) {
          best = i;
          bestD = d;
        }
      });
      setChosen(best);
    },
    [picking, detected],
  );

  const name = useCallback(
    async (marker: MarkerName): Promise<void> => {
      if (!detected || chosen === null) return;
      const b = detected.blobs[chosen]!;
      // Names live on one frame: naming on another frame starts the list again.
      const kept = setup && setup.frame === detected.frame ? setup.markers : [];
      const others = kept.filter((m) => m.name !== marker && Math.hypot(m.x - b.x, m.y - b.y) > 0.5);
      try {
        await saveNames(detected.frame, detected.detection, [
          ...others,
          { name: marker, x: b.x, y: b.y, radius: b.radiusPx },
        ]);
        setChosen(null);
        setMessage(`Named ${markerDefinition(marker).label}.`);
      } catch (err) {
        setMessage(errorText(err));
      }
    },
    [detected, chosen, setup, saveNames],
  );

  const unname = useCallback(
    async (marker: MarkerName): Promise<void> => {
      if (!setup) return;
      try {
        await saveNames(
          setup.frame,
          setup.detection,
          setup.markers.filter((m) => m.name !== marker),
        );
      } catch (err) {
        setMessage(errorText(err));
      }
    },
    [setup, saveNames],
  );

  const track = useCallback(async (): Promise<void> => {
    setMessage('');
    try {
      setStatus(await api('markers:track', { recordingId: idRef.current }));
      setDetected(null);
    } catch (err) {
      setMessage(errorText(err));
    }
  }, []);

  const cancel = useCallback(async (): Promise<void> => {
    await api('markers:cancel', { recordingId: idRef.current });
  }, []);

  const apply = useCallback(async (e: Pick<MarkerEdit, 'recordingId' | 'marker' | 'frame'>, at: Point) => {
    await api('markers:correct', {
      recordingId: e.recordingId,
      marker: e.marker,
      frame: e.frame,
      x: at ? at.x : null,
      y: at ? at.y : null,
    });
    if (e.recordingId === idRef.current)
      setTracks(await api('markers:tracks', { recordingId: e.recordingId }));
  }, []);

  const correct = useCallback(
    async (marker: MarkerName, frame: number, at: Point): Promise<void> => {
      const id = idRef.current;
      const before = tracks?.corrections.find((c) => c.marker === marker && c.frame === frame);
      const edit: MarkerEdit = {
        recordingId: id,
        marker,
        frame,
        before: before ? { x: before.x, y: before.y } : null,
        after: at,
      };
      try {
        await apply(edit, at);
        setHistory((h) => record(h, edit));
        setMessage(`Moved the ${markerDefinition(marker).label} marker on frame ${frame}.`);
      } catch (err) {
        setMessage(errorText(err));
      }
    },
    [tracks, apply],
  );

  const historyRef = useRef(history);
  useEffect(() => {
    historyRef.current = history;
  });
  const setMode = useCallback((v: boolean): void => {
    setOn(v);
    if (!v) {
      setPicking(false);
      setChosen(null);
    }
  }, []);
  const undoEdit = useCallback(async (): Promise<string> => {
    const { history: h, edit } = undo(historyRef.current);
    if (!edit) return 'Nothing to undo.';
    await apply(edit, edit.before);
    setHistory(h);
    return `Undone: ${markerDefinition(edit.marker).label} marker on frame ${edit.frame}.`;
  }, [apply]);
  const redoEdit = useCallback(async (): Promise<string> => {
    const { history: h, edit } = redo(historyRef.current);
    if (!edit) return 'Nothing to redo.';
    await apply(edit, edit.after);
    setHistory(h);
    return `Redone: ${markerDefinition(edit.marker).label} marker on frame ${edit.frame}.`;
  }, [apply]);
  const canUndo = history.past.length > 0;
  return useMemo(
    () => ({
      on,
      setOn: setMode,
      setup,
      tracks,
      status,
      detected,
      picking,
      setPicking,
      chosen,
      busy,
      message,
      detect,
      click,
      choose: setChosen,
      name,
      unname,
      track,
      cancel,
      correct,
      canUndo,
      undo: undoEdit,
      redo: redoEdit,
    }),
    [
      on,
      setMode,
      setup,
      tracks,
      status,
      detected,
      picking,
      chosen,
      busy,
      message,
      detect,
      click,
      name,
      unname,
      track,
      cancel,
      correct,
      canUndo,
      undoEdit,
      redoEdit,
    ],
  );
}
