import type { RefObject } from 'react';
import type { CaptureMode } from '../../../src-shared/capture/modes';
import type { View } from '../../../src-shared/contract/recordings';
import { CameraPanel } from './CameraPanel';
import type { CameraInfo } from './cameras';
import type { Ghost } from './useGhost';
import type { ViewCameraStatus } from './useViewCamera';
import { ViewOverlay } from './ViewOverlay';

const VIEWS = ['side', 'rear'] as const;

/** The two views side by side, each with its camera, its mode and what sits over its picture. */
export function CaptureViews(props: {
  cameras: readonly CameraInfo[];
  devices: Record<View, string | undefined>;
  onDevice: (view: View, deviceId: string | undefined) => void;
  onMode: (view: View, mode: CaptureMode) => void;
  live: Record<View, { status: ViewCameraStatus; videoRef: RefObject<HTMLVideoElement | null> }>;
  recording: boolean;
  ghost: Ghost | undefined;
  showSkeleton: boolean;
  skeletonRefs: Record<View, RefObject<HTMLCanvasElement | null>>;
}) {
  return (
    <div className="capture-views">
      {VIEWS.map((view) => (
        <CameraPanel
          key={view}
          view={view}
          cameras={props.cameras}
          deviceId={props.devices[view]}
          onDevice={(id) => props.onDevice(view, id)}
          onMode={(m) => props.onMode(view, m)}
          state={props.live[view].status}
          videoRef={props.live[view].videoRef}
          recording={props.recording}
          overlay={
            <ViewOverlay
              view={view}
              ghostUrl={props.ghost?.urls[view]}
              ghostDate={props.ghost?.date}
              showSkeleton={props.showSkeleton}
              skeletonRef={props.skeletonRefs[view]}
            />
          }
        />
      ))}
    </div>
  );
}
