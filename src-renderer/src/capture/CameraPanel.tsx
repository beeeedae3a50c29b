import {
  describeMode,
  frameRateWarning,
  ratesFor,
  sizesFor,
  type CaptureMode,
} from '../../../src-shared/capture/modes';
import type { View } from '../../../src-shared/contract/recordings';
import { hertz, pixels } from '../../../src-shared/units';
import type { CameraInfo } from './cameras';
import type { ViewCameraStatus } from './useViewCamera';

const VIEW_NAMES: Record<View, string> = { side: 'Side', rear: 'Rear' };

/** One view: which camera, which mode, the live picture (with the skeleton layer over it). */
export function CameraPanel(props: {
  view: View;
  cameras: readonly CameraInfo[];
  deviceId: string | undefined;
  onDevice: (deviceId: string | undefined) => void;
  onMode: (mode: CaptureMode) => void;
  state: ViewCameraStatus;
  videoRef: React.RefObject<HTMLVideoElement | null>;
  recording: boolean;
  overlay?: React.ReactNode;
}) {
  const { view, state, videoRef, overlay, deviceId } = props;
  const name = VIEW_NAMES[view];
  const actual = state.camera?.actual;
  const caps = state.camera?.capabilities ?? {};
  const sizes = sizesFor(caps);
  const rates = ratesFor(caps);
  const warning = actual ? frameRateWarning(actual.fps) : undefined;
  const sizeKey = actual ? `${actual.width}x${actual.height}` : '';
  const setMode = (size: string, fps: number): void => {
    const [w, h] = size.split('x').map(Number);
    if (w && h && fps) props.onMode({ width: pixels(w), height: pixels(h), fps: hertz(fps) });
  };
  return (
    <section className="capture-view" data-view={view} aria-label={`${name} camera`}>
      <div className="capture-view-head">
        <h2>{name}</h2>
        <label className="field inline">
          <span className="label">{name} camera</span>
          <select
            value={props.deviceId ?? ''}
            disabled={props.recording}
            onChange={(e) => props.onDevice(e.target.value || undefined)}
          >
            <option value="">— none —</option>
            {props.cameras.map((c) => (
              <option key={c.deviceId} value={c.deviceId}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {actual && (
          <>
            <label className="field inline">
              <span className="label">{name} picture size</span>
              <select
                value={sizeKey}
                disabled={props.recording}
                onChange={(e) => setMode(e.target.value, actual.fps)}
              >
                {!sizes.some((s) => `${s.width}x${s.height}` === sizeKey) && (
                  <option value={sizeKey}>
                    {actual.width}×{actual.height}
                  </option>
                )}
                {sizes.map((s) => (
                  <option key={`${s.width}x${s.height}`} value={`${s.width}x${s.height}`}>
                    {s.width}×{s.height}
                  </option>
                ))}
              </select>
            </label>
            <label className="field inline">
              <span className="label">{name} frame rate</span>
              <select
                value={String(Math.round(actual.fps))}
                disabled={props.recording}
                onChange={(e) => setMode(sizeKey, Number(e.target.value))}
              >
                {!rates.some((r) => Math.round(r) === Math.round(actual.fps)) && (
                  <option value={String(Math.round(actual.fps))}>{Math.round(actual.fps)} fps</option>
                )}
                {rates.map((r) => (
                  <option key={r} value={String(Math.round(r))}>
                    {r} fps
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
      <div className="capture-preview">
        {/* autoPlay as well as play(): a play() interrupted by a new stream (camera or size changed
            just then) would leave the preview frozen on its first frame. */}
        <video ref={videoRef} autoPlay muted playsInline aria-label={`${name} camera, live`} />
        {overlay}
        {!deviceId && <p className="capture-empty">No camera chosen for the {view} view.</p>}
        {state.opening && <p className="capture-empty">Starting the {view} camera…</p>}
      </div>
      {state.error && (
        <p className="error" role="alert" data-testid={`camera-error-${view}`}>
          {state.error}
        </p>
      )}
      {actual && (
        <p className="muted" data-testid={`camera-mode-${view}`}>
          Camera gives {describeMode(actual)}
          {state.camera?.track.label ? ` (${state.camera.track.label})` : ''}.
        </p>
      )}
      {warning && (
        <p className="warning" data-testid={`fps-warning-${view}`}>
          {warning}
        </p>
      )}
    </section>
  );
}
