import type { RefObject } from 'react';

/**
 * What sits over a live camera view: last session's picture as a ghost (to place the camera the same
 * way) and the canvas the live skeleton draws on, each only when switched on.
 */
export function ViewOverlay({
  view,
  ghostUrl,
  ghostDate,
  showSkeleton,
  skeletonRef,
}: {
  view: 'side' | 'rear';
  ghostUrl: string | undefined;
  ghostDate: string | undefined;
  showSkeleton: boolean;
  skeletonRef: RefObject<HTMLCanvasElement | null>;
}) {
  return (
    <>
      {ghostUrl && (
        <img
          className="capture-ghost"
          src={ghostUrl}
          alt={`The ${view} camera's picture in the session of ${ghostDate ?? ''}`}
          data-testid={`ghost-${view}`}
        />
      )}
      {showSkeleton && (
        <canvas
          ref={skeletonRef}
          className="capture-skeleton"
          data-testid={`skeleton-${view}`}
          aria-hidden="true"
        />
      )}
    </>
  );
}
