/**
 * The review workspace: one or two players on one playhead (locked to the session clock, or free),
 * the transport, overlays, the event timeline, curves, the step table and summary, hand correction,
 * manual tools and key frames. State is plain data (src-shared/review/*); this component wires keys
 * and controls to the pure functions and hands each player the frame to show.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { seconds } from '../../../src-shared/units';
import { frameAt } from '../../../src-shared/media/timestamps';
import type { ReviewAction } from '../../../src-shared/review/keymap';
import { adjacentEvent, cycleAround, type TimedEvent } from '../../../src-shared/review/navigation';
import { eventNoteAt } from '../../../src-shared/review/event-marks';
import {
  clipTime,
  framesShown,
  initialPlayhead,
  seekClip,
  sessionTimeOfFrame,
  setActive,
  setLocked,
  setRate,
  step,
  togglePlay,
  type Playhead,
  type PlayerClock,
} from '../../../src-shared/review/playhead';
import { calibrationFor } from '../../../src-shared/review/measure';
import { DEFAULT_TOGGLES, type OverlayToggles } from '../../../src-shared/review/scene';
import { frameEvents } from '../../../src-shared/review/analyse';
import type { ClipResult } from '../../../src-shared/review/analysis-protocol';
import { useAnalyses } from './useAnalyses';
import { navigate } from '../router';
import type { ReviewClip } from './model';
import { ClipPlayer } from './ClipPlayer';
import type { ZoomCommand } from './player/useZoom';
import { ReviewPanels } from './panels/ReviewPanels';
import { SyncNudge } from './panels/SyncNudge';
import { Timeline } from './panels/Timeline';
import { TransportBar } from './TransportBar';
import { useKeys } from './useKeys';
import { usePlayback } from './usePlayback';
import { useReviewDoc } from './useReviewDoc';
import { useEventMarks } from './useEventMarks';
import { useKeyFrameMark } from './useKeyFrameMark';
import { EventsPanel } from './panels/EventsPanel';
import { usePointEdit } from './usePointEdit';
import { useMeasureTool } from './useMeasureTool';
import { pointWords } from '../../../src-shared/review/point-edit';
import { useMarkers } from './markers/useMarkers';
import { useMarkerHybrid } from './markers/useMarkerHybrid';
import { useSideMarkerTracks } from './markers/useSideMarkerTracks';
import { MarkersPanel } from './markers/MarkersPanel';
import { markerSlot } from './markers/slot';
import { useLastTime } from './last-time/useLastTime';

export interface ReviewWorkspaceProps {
  readonly sessionId: string;
  readonly clips: readonly ReviewClip[];
  /** Session time to start at: choosing another clip for a player keeps the moment on screen. */
  readonly startAt?: number;
  /** Told the session time as it changes (the page keeps it for the next choice of clips). */
  readonly onTime?: (t: number) => void;
}

export function ReviewWorkspace({ sessionId, clips, startAt, onTime }: ReviewWorkspaceProps) {
  const clocks = useMemo<PlayerClock[]>(
    () => clips.map((c) => ({ table: c.table, offset: c.offset })),
    [clips],
  );
  const [playhead, setPlayhead] = useState<Playhead>(() => ({
    ...initialPlayhead(clips.length),
    t: seconds(startAt ?? 0),
  }));
  const onTimeRef = useRef(onTime);
  useEffect(() => {
    onTimeRef.current = onTime;
  });
  useEffect(() => {
    onTimeRef.current?.(playhead.t);
  }, [playhead.t]);
  // Zoom keys go to the active player as numbered commands; "one player" hides the others.
  const [zoomCommand, setZoomCommand] = useState<{ player: number } & ZoomCommand>();
  const [alone, setAlone] = useState(false);
  const [toggles, setToggles] = useState<OverlayToggles>(DEFAULT_TOGGLES);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string>('');
  const doc = useReviewDoc(
    sessionId,
    clips.map((c) => c.recordingId),
  );
  const k = playhead.active;
  const active = clips[k]!;
  const markers = useMarkers(active.recordingId);
  // The side clips' foot markers may give their contacts and toe-offs (issue 15, analyse.ts).
  const sideTracks = useSideMarkerTracks(clips, {
    recordingId: active.recordingId,
    tracks: markers.tracks?.tracks,
  });
  const analysed = useAnalyses(clips, doc.corrections, doc.eventEdits, sideTracks);
  const analyses = useMemo<ClipResult[]>(
    () => clips.map((_, j) => analysed.results[j] ?? {}),
    [clips, analysed.results],
  );
  const events = useMemo(() => analyses.map((a) => frameEvents(a.gait)), [analyses]);
  const wanted = framesShown(playhead, clocks);
  usePlayback(playhead.playing, clocks, setPlayhead);
  const lastTime = useLastTime(clips, analyses, events, wanted, toggles);

  const activeFrame = wanted[k] ?? 0;
  const { draft, setDraft, addPoint } = useMeasureTool(
    doc,
    { recordingId: active.recordingId, frame: activeFrame },
    setMessage,
  );
  const pointEdit = usePointEdit({
    editing,
    recordingId: active.recordingId,
    series: analyses[k]?.series ?? active.series,
    frame: activeFrame,
    correct: doc.correct,
  });

  const markEvent = useEventMarks(
    doc,
    active.recordingId,
    analyses[k]?.gait ? events[k] : undefined,
    activeFrame,
  );

  const eventsFor = useCallback(
    (p: Playhead): TimedEvent[] => {
      const all = events.map((list, j) =>
        list.map((e) => ({ ...e, t: sessionTimeOfFrame(p, clocks, j, e.frame) })),
      );
      // The active clip's own events when it has some; otherwise those of a synced clip.
      return all[p.active]?.length ? all[p.active]! : (all.find((e) => e.length) ?? []);
    },
    [events, clocks],
  );

  const markKeyFrame = useKeyFrameMark(doc, active, activeFrame, events[k], toggles);

  const act = useCallback(
    (action: ReviewAction): void => {
      setMessage('');
      const say = (p: Promise<string | undefined>): void => {
        p.then(
          (m) => setMessage(m ?? ''),
          (err: unknown) => setMessage(err instanceof Error ? err.message : String(err)),
        );
      };
      switch (action.type) {
        case 'play-pause':
          setPlayhead((p) => togglePlay(p, clocks));
          return;
        case 'step':
          setPlayhead((p) => step(p, clocks, action.delta));
          return;
        case 'rate':
          setPlayhead((p) => setRate(p, action.dir));
          return;
        case 'select-player':
          if (action.index < clips.length) setPlayhead((p) => setActive(p, action.index, clips.length));
          return;
        case 'overlays':
          setToggles((t) => ({ ...t, all: !t.all }));
          return;
        case 'edit-points':
          if (!active.series) {
            setMessage('No landmarks on this clip to correct.');
            return;
          }
          setEditing((e) => !e);
          return;
        case 'event': {
          const from = sessionTimeOfFrame(playhead, clocks, k, activeFrame);
          const e = adjacentEvent(eventsFor(playhead), from, action.dir);
          if (!e) {
            setMessage(action.dir > 0 ? 'No later initial contact.' : 'No earlier initial contact.');
            return;
          }
          setPlayhead((p) => ({ ...p, playing: false, t: e.t }));
          return;
        }
        case 'loop': {
          if (playhead.loop) {
            setPlayhead((p) => ({ ...p, loop: undefined }));
            return;
          }
          const range = cycleAround(eventsFor(playhead), playhead.t, action.kind);
          if (!range) {
            setMessage(`No complete ${action.kind} to loop: the gait events are missing.`);
            return;
          }
          setPlayhead((p) => ({ ...p, loop: range, t: range.start, playing: true }));
          return;
        }
        case 'undo':
          say(markers.on ? markers.undo() : doc.undo());
          return;
        case 'redo':
          say(markers.on ? markers.redo() : doc.redo());
          return;
        case 'key-frame':
          say(markKeyFrame());
          return;
        case 'mark-event':
        case 'delete-event':
          say(markEvent(action));
          return;
        case 'select-point':
        case 'nudge-point':
        case 'save-point':
          say(Promise.resolve(pointEdit.act(action)));
          return;
        case 'cancel': {
          // First an unsaved point move, then drawing and correcting.
          const dropped = pointEdit.act(action);
          if (dropped !== undefined) return say(Promise.resolve(dropped));
          setDraft(null);
          setEditing(false);
          return;
        }
        case 'report':
          navigate({ page: 'session-report', id: sessionId });
          return;
        case 'zoom':
        case 'pan':
          setZoomCommand((c) => ({ player: k, n: (c?.n ?? 0) + 1, action }));
          return;
        case 'solo':
          if (clips.length > 1) setAlone((a) => !a);
          return;
        case 'tool':
          setDraft((d) =>
            d?.tool === action.tool ? null : { tool: action.tool, points: [], text: '', lengthCm: '' },
          );
          return;
      }
    },
    [
      clips.length,
      clocks,
      setDraft,
      eventsFor,
      playhead,
      k,
      activeFrame,
      active,
      doc,
      markKeyFrame,
      markEvent,
      sessionId,
      pointEdit,
      markers,
    ],
  );
  useKeys(act);

  const cmPerPx = calibrationFor(doc.measurements, active.recordingId);

  const seekActive = (clipT: number): void => setPlayhead((p) => seekClip(p, clocks, p.active, clipT));
  const loopInClip = playhead.loop && {
    start: clipTime(playhead, clocks, k, playhead.loop.start),
    end: clipTime(playhead, clocks, k, playhead.loop.end),
    kind: playhead.loop.kind,
  };
  const gait = analyses[k]?.gait;
  // Where skin markers were tracked, their values in place of the landmarks' (hybrid analysis).
  const hybrid = useMarkerHybrid(markers, active.view, gait);
  // A clip without its own events (a rear clip without landmarks) shows those of a synced clip,
  // moved onto its own frames through the session clock, as navigation uses them.
  const timelineEvents = useMemo(() => {
    if (events[k]?.length) return events[k]!;
    const j = events.findIndex((list) => list.length > 0);
    if (j < 0) return [];
    return events[j]!.map((e) => ({
      ...e,
      frame: frameAt(
        active.table.times,
        clipTime(playhead, clocks, k, sessionTimeOfFrame(playhead, clocks, j, e.frame)),
      ),
    }));
  }, [events, k, active, playhead, clocks]);
  // Portrait clips side by side (phones held upright) filled a quarter of their players' width: the
  // transport, timeline and events go beside them instead, so the pictures take the window's height.
  const beside =
    !alone &&
    !lastTime.player &&
    clips.length > 1 &&
    clips.every((c) => c.clip.info.height > c.clip.info.width);
  return (
    <div className="review-workspace" data-testid="review-workspace">
      <div className={`review-stage${beside ? ' beside' : ''}`}>
        <div className={`players players-${alone ? 1 : clips.length + (lastTime.player ? 1 : 0)}`}>
          {clips.map((c, j) =>
            alone && j !== k ? null : (
              <ClipPlayer
                key={c.recordingId + j}
                index={j}
                clip={c}
                analysis={analyses[j]!}
                frame={wanted[j] ?? 0}
                active={k === j}
                toggles={toggles}
                editing={editing && k === j}
                corrections={doc.corrections.get(c.recordingId)}
                measurements={doc.measurements}
                onActivate={() => setPlayhead((p) => setActive(p, j, clips.length))}
                draft={k === j ? draft : null}
                point={k === j ? pointEdit.draft : null}
                onPick={addPoint}
                onCorrect={(frame, landmark, x, y) => {
                  doc.correct(c.recordingId, frame, landmark, { x, y }).then(
                    () => setMessage(`Moved the ${pointWords(landmark)} on frame ${frame}.`),
                    (err: unknown) => setMessage(err instanceof Error ? err.message : String(err)),
                  );
                }}
                zoomCommand={zoomCommand?.player === j ? zoomCommand : undefined}
                alone={alone}
                beside={beside}
                onAlone={clips.length > 1 ? () => setAlone((a) => !a) : undefined}
                markers={k === j ? markerSlot(markers, toggles.all, active.view) : undefined}
                ghost={lastTime.ghostFor(j)}
              />
            ),
          )}
          {!alone && lastTime.player}
        </div>
        <div className="review-controls">
          <TransportBar
            playhead={playhead}
            clocks={clocks}
            toggles={toggles}
            message={message}
            players={clips.length}
            editing={editing}
            canUndo={doc.canUndo}
            canRedo={doc.canRedo}
            onAction={act}
            onToggles={setToggles}
            onLocked={(locked) => setPlayhead((p) => setLocked(p, clocks, locked))}
            onSeek={seekActive}
          />
          {lastTime.bar}
          {clips.length > 1 && <SyncNudge sessionId={sessionId} clips={clips} onError={setMessage} />}
          <Timeline
            table={active.table}
            events={timelineEvents}
            frame={activeFrame}
            loop={loopInClip || undefined}
            keyFrames={doc.keyFrames.filter((x) => x.recordingId === active.recordingId).map((x) => x.frame)}
            onSeek={seekActive}
          />
          <EventsPanel
            recordingId={active.recordingId}
            frame={activeFrame}
            count={doc.eventEdits.get(active.recordingId)?.length ?? 0}
            note={eventNoteAt(gait?.flags, activeFrame)}
            source={gait?.flags.find((f) => f.code === 'events-from-markers')?.message}
            onAction={act}
          />
        </div>
      </div>
      <MarkersPanel markers={markers} view={active.view} frame={activeFrame} rows={hybrid.rows} />
      <ReviewPanels
        active={active}
        clips={clips}
        gait={hybrid.gait}
        sources={hybrid.sources}
        frame={activeFrame}
        waiting={
          analysed.error ??
          analyses[k]?.error ??
          active.note ??
          (active.series ? 'Analysing…' : 'No gait analysis for this clip.')
        }
        draft={draft}
        onDraft={setDraft}
        measurements={doc.measurements}
        cmPerPx={cmPerPx}
        keyFrames={doc.keyFrames}
        onSeek={seekActive}
        onGoKeyFrame={(kf) => {
          const j = clips.findIndex((c) => c.recordingId === kf.recordingId);
          if (j >= 0) setPlayhead((p) => seekClip(p, clocks, j, clips[j]!.table.times[kf.frame] ?? 0));
        }}
        onDeleteMeasurement={(id) => {
          doc.deleteMeasurement(id).catch((err: unknown) => setMessage(String(err)));
        }}
        onDeleteKeyFrame={(id) => {
          doc.deleteKeyFrame(id).catch((err: unknown) => setMessage(String(err)));
        }}
        onMarkKeyFrame={() => act({ type: 'key-frame' })}
      />
    </div>
  );
}
