/**
 * What went wrong with a camera, in the clinic's words. getUserMedia rejects with a DOMException
 * whose `name` says why (Media Capture and Streams, §10 "getUserMedia": NotFoundError,
 * NotReadableError, OverconstrainedError, NotAllowedError, AbortError, SecurityError). We map the
 * name (plus the constraint, for OverconstrainedError) to a message that says what to do.
 */
export interface CameraProblem {
  readonly name: string;
  readonly constraint?: string;
  readonly message?: string;
}

const CONSTRAINT_WORDS: Record<string, string> = {
  width: 'picture size',
  height: 'picture size',
  frameRate: 'frame rate',
  deviceId: 'camera',
  aspectRatio: 'picture shape',
};

/**
 * `what` names the camera from the PT's side ("The side camera", "Camera “Logitech BRIO”").
 * Unknown errors keep the browser's own words after ours, so nothing is hidden.
 */
export function cameraErrorMessage(problem: CameraProblem, what = 'The camera'): string {
  switch (problem.name) {
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return `${what} was not found. Check that it is plugged in (try another USB port), then press “Look for cameras”.`;
    case 'NotReadableError':
    case 'TrackStartError':
      return `${what} is busy or not answering: another program (a video call, the camera app) may be using it. Close that program or unplug and replug the camera, then press “Look for cameras”.`;
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError': {
      const words = CONSTRAINT_WORDS[problem.constraint ?? ''];
      return words
        ? `${what} cannot deliver the chosen ${words}. Choose another mode for it.`
        : `${what} cannot deliver the chosen mode. Choose another mode for it.`;
    }
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return `${what} is blocked: StrideLab was not allowed to use it. Allow camera access in the system settings (Privacy → Camera), then press “Look for cameras”.`;
    case 'AbortError':
      return `${what} stopped while starting. Unplug and replug it, then press “Look for cameras”.`;
    default:
      return `${what} could not be started${problem.message ? ` (${problem.message})` : ''}. Unplug and replug it, then press “Look for cameras”.`;
  }
}
