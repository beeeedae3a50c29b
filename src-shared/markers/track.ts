/** Marker tracking through a clip (docs/markers.md, "Tracking"). */
import type { TrackMarkers } from './types';

export const trackMarkers: TrackMarkers = async () => {
  throw new Error('trackMarkers: not implemented yet');
};
