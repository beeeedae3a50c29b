import { importNotice } from '../../../src-shared/review/clip-length';

/**
 * What the PT should know of a clip as it arrives, on its card (src-shared/review/clip-length.ts):
 * a clip too short to give numbers is kept, and says so now rather than when its analysis comes back.
 */
export function ImportNotice(props: { durationS: number }) {
  const words = importNotice(props.durationS);
  return words ? (
    <p className="notice clip-notice" role="note">
      {words}
    </p>
  ) : null;
}
