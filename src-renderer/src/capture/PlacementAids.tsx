import type { Ghost } from './useGhost';

/**
 * The two aids for placing the cameras, with what each is doing: the live skeleton (lite model,
 * paused while recording so the recorders keep the CPU) and last session's picture as a ghost.
 */
export function PlacementAids(props: {
  skeletonOn: boolean;
  onSkeleton: () => void;
  live: { readonly on: boolean; readonly error?: string };
  recording: boolean;
  ghostOn: boolean;
  onGhost: () => void;
  ghost: Ghost | undefined;
}) {
  const { live } = props;
  return (
    <>
      <button type="button" className="secondary" aria-pressed={props.skeletonOn} onClick={props.onSkeleton}>
        Live skeleton (K)
      </button>
      {props.skeletonOn && (
        <span className="muted" data-testid="skeleton-status">
          {live.error ??
            (props.recording
              ? 'Skeleton paused while recording.'
              : live.on
                ? 'Skeleton on (lite model).'
                : 'Loading the pose model…')}
        </span>
      )}
      <button type="button" className="secondary" aria-pressed={props.ghostOn} onClick={props.onGhost}>
        Last session's picture (G)
      </button>
      {props.ghostOn && props.ghost && (
        <span className="muted" data-testid="ghost-status">
          {props.ghost.note ?? `Showing the session of ${props.ghost.date ?? ''}.`}
        </span>
      )}
    </>
  );
}
