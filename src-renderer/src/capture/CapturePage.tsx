import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { captureActionFor } from '../../../src-shared/capture/keys';
import type { CaptureMode } from '../../../src-shared/capture/modes';
import { lostFramesWarning } from '../../../src-shared/capture/takes';
import type { CaptureTake } from '../../../src-shared/contract/capture';
import type { View } from '../../../src-shared/contract/recordings';
import { api, useEvent } from '../api/client';
import { useLoad } from '../useLoad';
import { listCameras, notReadyYet, type CameraInfo } from './cameras';
import { conditionChoices, conditionFor } from '../../../src-shared/capture/conditions';
import { KeyLegend } from './KeyLegend';
import { ReplayPanel, type ReplayClip } from './ReplayPanel';
import { TakeList } from './TakeList';
import { TakeRecorder, type TakeCamera } from './take-recorder';
import { useGhost } from './useGhost';
import { useLiveSkeleton } from './useLiveSkeleton';
import { useViewCamera } from './useViewCamera';
import { CaptureHead } from './CaptureHead';
import { CaptureViews } from './CaptureViews';
import { CaptureSetup } from './CaptureSetup';
import { PlacementAids } from './PlacementAids';
import { TakeControls } from './TakeControls';
import { CameraAdviceBox } from '../components/CameraAdviceBox';
import { isTyping } from '../keys';
import './capture.css';

type Phase = 'idle' | 'starting' | 'recording' | 'stopping';
interface LastTake {
  readonly take: CaptureTake;
  readonly clips: readonly ReplayClip[];
  readonly state: 'saving' | 'saved' | 'failed' | 'discarded';
}

/**
 * Recording in the clinic: both cameras live, one key (R) starts and stops both, each take lands
 * in the session under its view and condition, Delete discards the last take, Space replays it.
 */
export function CapturePage(props: { sessionId: string }) {
  const { data, error: loadError } = useLoad(async () => {
    const session = await api('sessions:get', { id: props.sessionId });
    const patient = await api('patients:get', { id: session.patientId });
    const planned = await api('conditions:list', { sessionId: props.sessionId });
    return { session, patient, planned };
  }, [props.sessionId]);
  const takes = useLoad(() => api('capture:takes', { sessionId: props.sessionId }), [props.sessionId]);
  useEvent('library:changed', takes.reload);
  // Saving the last take: main closes each file and imports it (proxy transcode), view by view.
  const [saving, setSaving] = useState<{ takeId: string; view: string; fraction: number } | undefined>(
    undefined,
  );
  useEvent('capture:progress', (p) => setSaving(p.phase === 'done' ? undefined : p));

  const [cameras, setCameras] = useState<CameraInfo[]>([]);
  const [listError, setListError] = useState<string | undefined>(undefined);
  const [looking, setLooking] = useState(true);
  const [devices, setDevices] = useState<Record<View, string | undefined>>({
    side: undefined,
    rear: undefined,
  });
  const [modes, setModes] = useState<Record<View, CaptureMode | undefined>>({
    side: undefined,
    rear: undefined,
  });
  const side = useViewCamera('side', devices.side, modes.side);
  const rear = useViewCamera('rear', devices.rear, modes.rear);

  const [label, setLabel] = useState('flat');
  const [stopAfter, setStopAfter] = useState('');
  const [phase, setPhase] = useState<Phase>('idle');
  const [elapsed, setElapsed] = useState(0);
  const [chunksSaved, setChunksSaved] = useState(0);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [last, setLast] = useState<LastTake | undefined>(undefined);
  const [playing, setPlaying] = useState(false);
  const recorder = useRef<TakeRecorder | undefined>(undefined);
  const recording = phase === 'recording' || phase === 'stopping';
  const autoStop = useRef<number | undefined>(undefined);
  // The take being stopped and saved, and whether Delete came meanwhile: it is then discarded once
  // saved, never dropped in silence (on a busy machine saving takes seconds, and a PT presses
  // Delete as soon as the runner stumbles) nor raced against the save.
  const settling = useRef<{ name: string; discard: boolean } | undefined>(undefined);

  /** Discard a stopped take: its clips go to the trash. */
  const discardTake = useCallback(
    async (takeId: string): Promise<void> => {
      try {
        const take = await api('capture:discard', { takeId });
        setLast((l) => (l?.take.id === takeId ? { ...l, take, state: 'discarded', clips: [] } : l));
        setPlaying(false);
        setMessage(`${take.name} discarded: its clips are in the trash.`);
        takes.reload();
      } catch (e) {
        setProblem(e instanceof Error ? e.message : String(e));
      }
    },
    [takes],
  );

  /** What a camera scan found; set only from the scan's answer (never synchronously). */
  const applyScan = useCallback((found: CameraInfo[] | Error) => {
    setLooking(false);
    if (found instanceof Error) {
      setCameras([]);
      setDevices({ side: undefined, rear: undefined });
      setListError(found.message);
      return;
    }
    setCameras(found);
    setListError(undefined);
    // Keep choices that still exist; otherwise the first camera films the side, the second the rear.
    setDevices((d) => {
      const ids = found.map((c) => c.deviceId);
      const keep = (id: string | undefined) => (id && ids.includes(id) ? id : undefined);
      const sideId = keep(d.side) ?? found[0]?.deviceId;
      const rearId = keep(d.rear) ?? found.find((c) => c.deviceId !== sideId)?.deviceId;
      return { side: sideId, rear: rearId };
    });
    if (found.length === 1) setMessage('Only one camera was found: the rear view will not be recorded.');
  }, []);
  const scan = (): Promise<CameraInfo[] | Error> =>
    listCameras().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  const lookForCameras = (): void => {
    setLooking(true);
    void scan().then(applyScan);
  };
  useEffect(() => {
    let live = true;
    void listCameras().then(
      (found) => live && applyScan(found),
      (e: unknown) => live && applyScan(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [applyScan]);

  const choices = useMemo(() => (data ? conditionChoices(data.session, data.planned) : []), [data]);

  const stop = useCallback(async () => {
    const rec = recorder.current;
    if (!rec) return;
    window.clearTimeout(autoStop.current);
    setPhase('stopping');
    settling.current = { name: rec.take.name, discard: false };
    try {
      const { clips, saved } = await rec.stop();
      recorder.current = undefined;
      setPhase('idle');
      setLast({ take: rec.take, clips, state: 'saving' });
      setMessage(`Saving ${rec.take.name}…`);
      try {
        const take = await saved;
        const ok = take.status === 'saved';
        setLast((l) => (l?.take.id === take.id ? { ...l, take, state: ok ? 'saved' : 'failed' } : l));
        const failed = take.clips.filter((c) => c.error);
        setMessage(ok && failed.length === 0 ? `${take.name} saved.` : undefined);
        const problems = [
          ...failed.map((c) => `The ${c.view} clip was not saved: ${c.error}`),
          ...take.clips.flatMap((c) => lostFramesWarning(c.view, c.framesDelivered, c.frameCount) ?? []),
        ];
        if (problems.length) setProblem(problems.join(' '));
      } catch (e) {
        setLast((l) => (l?.take.id === rec.take.id ? { ...l, state: 'failed' } : l));
        setProblem(`${rec.take.name} was not saved: ${e instanceof Error ? e.message : String(e)}`);
      }
      const wanted = settling.current?.discard;
      settling.current = undefined;
      if (wanted) await discardTake(rec.take.id);
      takes.reload();
    } catch (e) {
      settling.current = undefined;
      recorder.current = undefined;
      setPhase('idle');
      setProblem(e instanceof Error ? e.message : String(e));
      takes.reload();
    }
  }, [takes, discardTake]);

  const start = useCallback(async () => {
    if (!data || recorder.current) return;
    const views: { view: View; state: ReturnType<typeof useViewCamera>; label: string }[] = [
      { view: 'side', state: side, label: cameras.find((c) => c.deviceId === devices.side)?.label ?? '' },
      { view: 'rear', state: rear, label: cameras.find((c) => c.deviceId === devices.rear)?.label ?? '' },
    ];
    const notYet = notReadyYet(
      looking,
      views.filter((v) => v.state.status.opening).map((v) => v.view),
    );
    if (notYet) return setProblem(notYet);
    const ready: TakeCamera[] = views.flatMap(({ view, state, label: deviceLabel }) =>
      state.status.camera
        ? [
            {
              view,
              label: deviceLabel,
              track: state.status.camera.track,
              stream: state.status.camera.stream,
              width: state.status.camera.actual.width,
              height: state.status.camera.actual.height,
              fps: state.status.camera.actual.fps,
              preview: state.videoRef.current,
            },
          ]
        : [],
    );
    if (ready.length === 0) {
      setProblem('No camera is ready: choose a camera for the side or rear view first.');
      return;
    }
    if (!label.trim()) {
      setProblem('Name the condition first (e.g. flat, incline 5 %).');
      return;
    }
    setProblem(undefined);
    setMessage(undefined);
    setPlaying(false);
    setPhase('starting');
    try {
      setChunksSaved(0);
      const rec = await TakeRecorder.start(
        props.sessionId,
        conditionFor(label, choices),
        ready,
        (err) => {
          setProblem(`${err.message} The take was stopped; what was recorded is kept.`);
          void stop();
        },
        setChunksSaved,
      );
      recorder.current = rec;
      setPhase('recording');
      setElapsed(0);
      const limit = Number(stopAfter);
      if (stopAfter.trim() && limit > 0) {
        const left = limit * 1000 - (performance.now() - rec.t0);
        autoStop.current = window.setTimeout(() => void stop(), Math.max(0, left));
      }
      takes.reload();
    } catch (e) {
      setPhase('idle');
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }, [data, side, rear, cameras, devices, looking, label, choices, props.sessionId, stopAfter, stop, takes]);

  const discard = useCallback(async () => {
    if (settling.current) {
      settling.current.discard = true;
      setMessage(`${settling.current.name} is discarded as soon as it is saved.`);
      return;
    }
    if (recorder.current) {
      const rec = recorder.current;
      recorder.current = undefined;
      window.clearTimeout(autoStop.current);
      await rec.abandon();
      setPhase('idle');
      setMessage(`${rec.take.name} discarded.`);
      takes.reload();
      return;
    }
    if (!last || last.state === 'discarded' || last.state === 'saving') return;
    await discardTake(last.take.id);
  }, [last, takes, discardTake]);

  // The take timer, from the shared start.
  useEffect(() => {
    if (phase !== 'recording') return;
    // 4 updates a second: enough for a clock, and light on the CPU the encoders need.
    const id = window.setInterval(() => setElapsed(recorder.current?.elapsed() ?? 0), 250);
    return () => window.clearInterval(id);
  }, [phase]);

  const [skeleton, setSkeleton] = useState(0);
  const sideCanvas = useRef<HTMLCanvasElement | null>(null);
  const rearCanvas = useRef<HTMLCanvasElement | null>(null);
  const live = useLiveSkeleton(skeleton, recording, [
    { view: 'side', video: side.videoRef, canvas: sideCanvas },
    { view: 'rear', video: rear.videoRef, canvas: rearCanvas },
  ]);
  const toggleSkeleton = (): void => setSkeleton((s) => (s ? 0 : performance.now() + 1));
  const [ghostOn, setGhostOn] = useState(false);
  const ghost = useGhost(ghostOn, data?.session);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.repeat || isTyping(e.target)) return;
      const action = captureActionFor(e);
      if (!action) return;
      e.preventDefault();
      if (action === 'record') {
        if (phase === 'recording') void stop();
        else if (phase === 'idle') void start();
      } else if (action === 'discard') void discard();
      else if (action === 'replay') setPlaying((p) => (last?.clips.length ? !p : false));
      else if (action === 'ghost') setGhostOn((g) => !g);
      else toggleSkeleton();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [phase, start, stop, discard, last]);

  // Leaving the page mid-take: stop and keep what was recorded (the PT can discard it later).
  useEffect(
    () => () => {
      window.clearTimeout(autoStop.current);
      void recorder.current?.stop().catch(() => undefined);
    },
    [],
  );

  if (loadError)
    return (
      <p className="error" role="alert">
        {loadError}
      </p>
    );
  if (!data) return <p className="muted">Loading…</p>;
  const { session: s, patient } = data;

  return (
    <section
      className="page capture"
      data-phase={phase}
      data-last-take={last?.take.id ?? ''}
      data-last-take-state={last?.state ?? ''}
      data-cameras={looking ? '' : String(cameras.length)}
    >
      <CaptureHead
        patient={patient}
        session={s}
        recording={recording}
        onLookForCameras={lookForCameras}
        listError={listError}
      />
      <CaptureSetup
        label={label}
        onLabel={setLabel}
        choices={choices.map((c) => c.label)}
        stopAfter={stopAfter}
        onStopAfter={setStopAfter}
        disabled={recording}
      />
      <CaptureViews
        cameras={cameras}
        devices={devices}
        onDevice={(view, id) => setDevices((d) => ({ ...d, [view]: id }))}
        onMode={(view, m) => setModes((old) => ({ ...old, [view]: m }))}
        live={{ side, rear }}
        recording={recording}
        ghost={ghost}
        showSkeleton={skeleton !== 0}
        skeletonRefs={{ side: sideCanvas, rear: rearCanvas }}
      />
      <div className="capture-bar">
        <TakeControls
          phase={phase}
          onToggle={() => void (phase === 'recording' ? stop() : start())}
          elapsed={elapsed}
          chunksSaved={chunksSaved}
          message={message}
          savingNote={
            last?.state === 'saving' && saving?.takeId === last.take.id
              ? ` ${saving.view} ${Math.round(saving.fraction * 100)} %`
              : ''
          }
        />
        <PlacementAids
          skeletonOn={skeleton !== 0}
          onSkeleton={toggleSkeleton}
          live={live}
          recording={recording}
          ghostOn={ghostOn}
          onGhost={() => setGhostOn((g) => !g)}
          ghost={ghost}
        />
        {last && last.state !== 'discarded' && last.state !== 'saving' && (
          <button type="button" className="secondary" disabled={recording} onClick={() => void discard()}>
            Discard last take (Delete)
          </button>
        )}
      </div>
      <CameraAdviceBox />
      {problem && (
        <p className="error" role="alert" data-testid="capture-problem">
          {problem}
        </p>
      )}
      {last && last.clips.length > 0 && (
        <ReplayPanel title={last.take.name} clips={last.clips} playing={playing} onPlaying={setPlaying} />
      )}
      <h2>Takes of this session</h2>
      <TakeList takes={takes.data ?? []} />
      <KeyLegend />
    </section>
  );
}
