/**
 * Where a side clip's gait events came from, per foot (issue 15 item 3: the feet's skin markers or the
 * pose landmarks, and why the markers were not used where they were not): the analysis's own words,
 * its 'events-from-markers' flag (src-shared/review/analyse.ts). Nothing for a clip without foot markers.
 */
export function EventsSource({ source }: { readonly source?: string | undefined }) {
  if (!source) return null;
  return (
    <p className="muted" data-testid="events-source">
      {source}
    </p>
  );
}
