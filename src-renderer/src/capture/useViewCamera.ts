/**
 * The camera of one view (side or rear): opened when a device is chosen, reopened when the PT picks
 * another size or rate, closed when the page goes. Errors come back in plain words.
 */
import { useEffect, useRef, useState } from 'react';
import type { CaptureMode } from '../../../src-shared/capture/modes';
import type { View } from '../../../src-shared/contract/recordings';
import { closeCamera, openCamera, type OpenCamera } from './cameras';

export interface ViewCameraStatus {
  readonly camera?: OpenCamera;
  readonly error?: string;
  readonly opening: boolean;
}

interface Result {
  readonly key: string;
  readonly camera?: OpenCamera;
  readonly error?: string;
}

export function useViewCamera(
  view: View,
  deviceId: string | undefined,
  mode: CaptureMode | undefined,
): { status: ViewCameraStatus; videoRef: React.RefObject<HTMLVideoElement | null> } {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  // What is asked for, by value: a new mode object with the same numbers is the same request.
  const key = deviceId ? `${deviceId}|${mode ? `${mode.width}x${mode.height}@${mode.fps}` : 'best'}` : '';
  const [result, setResult] = useState<Result>({ key: '' });
  const wanted = useRef({ view, deviceId, mode });
  useEffect(() => {
    wanted.current = { view, deviceId, mode };
  });

  useEffect(() => {
    const { view: v, deviceId: id, mode: m } = wanted.current;
    if (!id) return;
    let live = true;
    let opened: OpenCamera | undefined;
    openCamera(id, `The ${v} camera`, m).then(
      (camera) => {
        opened = camera;
        if (live) setResult({ key, camera });
        else closeCamera(camera);
      },
      (e: unknown) => {
        if (live) setResult({ key, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
      closeCamera(opened);
    };
  }, [key]);

  const current = key && result.key === key ? result : undefined;
  const camera = current?.camera;
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = camera?.stream ?? null;
    if (camera) void video.play().catch(() => undefined);
  }, [camera]);

  return {
    status: { camera, error: current?.error, opening: Boolean(key) && !current },
    videoRef,
  };
}
