/**
 * "Review" for one condition on the session page: opens the review with that condition's side and
 * rear clips locked together (or the one clip there is).
 */
import type { Recording } from '../../../src-shared/contract/recordings';
import { href } from '../router';

export function ReviewLink(props: { sessionId: string; label: string; recordings: readonly Recording[] }) {
  const ready = props.recordings.filter((r) => r.proxyStatus === 'ready');
  const side = ready.find((r) => r.view === 'side');
  const rear = ready.find((r) => r.view === 'rear');
  const clips = [side, rear].filter((r): r is Recording => Boolean(r)).map((r) => r.id);
  if (clips.length === 0) return null;
  return (
    <a
      className="review-link button"
      href={href({ page: 'session-review', id: props.sessionId, clips })}
      aria-label={`Review ${props.label}`}
    >
      Review {props.label}
    </a>
  );
}
