/**
 * "Marker N: which is it?", asked over the player where the PT has just clicked a candidate (issue 15
 * item 4). Under the player, in the Markers panel, it sat below the fold at 1366x768 beside a portrait
 * clip: the click on the picture seemed to do nothing, and each marker named cost a scroll down and
 * back up to click the next. Here it stands in the player, on the side away from the candidate.
 */
import { markerDefinition, markersForView, type MarkerName } from '../../../../src-shared/markers';
import type { MarkersModel } from './useMarkers';

export interface MarkerNamingProps {
  readonly markers: MarkersModel;
  readonly view: 'side' | 'rear';
}

export function MarkerNaming({ markers: m, view }: MarkerNamingProps) {
  const blob = m.chosen !== null ? m.detected?.blobs[m.chosen] : undefined;
  if (!blob) return null;
  const suggestions = blob.suggestions.slice(0, 3);
  const others = markersForView(view).filter((d) => !suggestions.some((s) => s.name === d.name));
  return (
    <div className="markers-naming" data-testid="marker-naming" role="group" aria-label="Name the marker">
      <p>
        Marker {(m.chosen ?? 0) + 1}: which is it?
        {m.setup && m.detected && m.setup.frame !== m.detected.frame && m.setup.markers.length > 0 && (
          <span className="muted"> (naming on this frame replaces the names on frame {m.setup.frame})</span>
        )}
      </p>
      <div className="markers-buttons">
        {suggestions.map((s) => (
          <button
            key={s.name}
            type="button"
            className="small"
            onClick={() => void m.name(s.name)}
            title={`${Math.round(s.distancePx)} px from where the pose landmarks put it`}
          >
            {markerDefinition(s.name).label}
          </button>
        ))}
        <select
          aria-label="Other marker name"
          value=""
          onChange={(e) => e.target.value && void m.name(e.target.value as MarkerName)}
        >
          <option value="">Other…</option>
          {others.map((d) => (
            <option key={d.name} value={d.name}>
              {d.label}
            </option>
          ))}
        </select>
        <button type="button" className="small secondary" onClick={() => m.choose(null)}>
          Not a marker
        </button>
      </div>
    </div>
  );
}
