/**
 * The Markers panel of the review (issue 15): switch Markers mode on, find the markers on the frame
 * on screen (the brightest round blobs, or the colour of a marker clicked after "Pick a colour"),
 * name each one once (the pose landmarks nearby suggest names), track them through the clip in the
 * background (progress, Cancel), and read pelvic tilt / rearfoot eversion per step with where each
 * value came from (the marker knee and ankle angles stand in the summary, in the landmarks' place).
 */
import { markerDefinition, mergedCandidates } from '../../../../src-shared/markers';
import type { MarkerVariableRow } from '../../../../src-shared/review/marker-variables';
import { MarkerSideCell } from '../../components/MarkerSideCell';
import type { MarkersModel } from './useMarkers';
import './markers.css';

export interface MarkersPanelProps {
  readonly markers: MarkersModel;
  readonly view: 'side' | 'rear';
  readonly frame: number;
  /** The markers' own rows (useMarkerHybrid): the knee and ankle angles stand in the summary. */
  readonly rows: readonly MarkerVariableRow[] | null;
}

export function MarkersPanel({ markers: m, view, frame, rows }: MarkersPanelProps) {
  const named = new Set(m.setup?.markers.map((x) => x.name));
  const running = m.status?.state === 'running';
  const merged = m.detected ? mergedCandidates(m.detected.blobs) : [];
  const done = m.status?.framesDone ?? 0;
  const total = m.status?.frameCount ?? 0;
  return (
    <section className="review-panel markers-panel" aria-label="Skin markers" data-testid="markers-panel">
      {/* The switch beside the heading, not in it: inside, the heading read "Skin markers Markers". A
          toggle keeps one name (aria-pressed says on or off); filled while on. */}
      <div className="panel-head">
        <h2>Skin markers</h2>
        <button
          type="button"
          className={`small ${m.on ? '' : 'secondary'}`}
          aria-pressed={m.on}
          onClick={() => m.setOn(!m.on)}
          title="Find, name, track and correct taped markers"
        >
          Markers mode
        </button>
      </div>
      {m.on && (
        <>
          <div className="markers-buttons">
            <button
              type="button"
              className="small"
              disabled={m.busy}
              onClick={() => void m.detect(frame).then(showPicture)}
            >
              Find bright markers on frame {frame}
            </button>
            <button
              type="button"
              className="small secondary"
              aria-pressed={m.picking}
              disabled={m.busy}
              onClick={() => m.setPicking(!m.picking)}
              title="Then click a marker on the picture: markers of its colour are found"
            >
              {m.picking ? 'Click a marker…' : 'Pick a colour'}
            </button>
          </div>
          {m.detected && m.detected.frame === frame && m.detected.blobs.length > 0 && (
            <div className="markers-buttons" role="group" aria-label="Candidate markers">
              <span className="muted small">Candidates (or click one on the picture):</span>
              {m.detected.blobs.map((b, i) => (
                <button
                  key={i}
                  type="button"
                  className={`small ${m.chosen === i ? '' : 'secondary'}`}
                  aria-pressed={m.chosen === i}
                  aria-label={`Candidate ${i + 1} at ${Math.round(b.x)}, ${Math.round(b.y)}`}
                  onClick={() => {
                    m.choose(i);
                    showPicture();
                  }}
                >
                  {i + 1}
                </button>
              ))}
            </div>
          )}
          {m.detected && m.detected.frame === frame && merged.length > 0 && (
            <p className="warning" data-testid="markers-merged">
              {mergedWords(merged, view)}
            </p>
          )}
          {m.setup && m.setup.markers.length > 0 && (
            <div data-testid="marker-names">
              <p className="muted">Named on frame {m.setup.frame}:</p>
              <ul className="markers-named">
                {m.setup.markers.map((x) => (
                  <li key={x.name}>
                    {markerDefinition(x.name).label}{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => void m.unname(x.name)}
                      aria-label={`Remove the name ${markerDefinition(x.name).label}`}
                    >
                      remove
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="markers-buttons">
            <button
              type="button"
              disabled={!named.size || running}
              onClick={() => void m.track()}
              title="Follow the named markers through the clip, from the naming frame on"
            >
              Track markers
            </button>
            {running && (
              <>
                <progress max={total || 1} value={done} aria-label="Tracking progress" />
                <span data-testid="marker-progress">
                  Tracking… {done} of {total} frames
                </span>
                <button type="button" className="small secondary" onClick={() => void m.cancel()}>
                  Cancel
                </button>
              </>
            )}
          </div>
          {m.status?.state === 'stale' && (
            <p className="muted">The names changed since the markers were tracked: track again.</p>
          )}
          <p className="muted small">
            Drag a tracked marker to correct it on this frame (Ctrl+Z undoes). The markers are followed
            forward and back from the frame they were named on.
          </p>
        </>
      )}
      {m.message && (
        <p role="status" data-testid="markers-message">
          {m.message}
        </p>
      )}
      {rows && running && (
        // Tracking again (names changed, a marker added): the table is the last run's until this ends.
        <p className="muted small" data-testid="marker-variables-previous">
          Tracking again: the values below are from the last tracking until this run ends.
        </p>
      )}
      {rows && (
        <table className="markers-variables" data-testid="marker-variables">
          <thead>
            <tr>
              <th>Variable</th>
              {/* Each column is one foot's strides (its contacts, midstances, toe-offs), not a side of
                  the pelvis: the pelvic tilt's one marker pair is read at both feet's events. */}
              <th>Left foot&apos;s strides</th>
              <th>Right foot&apos;s strides</th>
              <th>From</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.id}
                data-testid={`marker-variable-${r.id}`}
                data-source={r.source}
                title={r.definition}
              >
                <td>{r.label}</td>
                <MarkerSideCell s={r.left} side="left" notMeasurableTestId="marker-not-measurable" />
                <MarkerSideCell s={r.right} side="right" notMeasurableTestId="marker-not-measurable" />
                <td className="muted">
                  {r.source === 'markers' ? `markers (${r.sourceWords})` : r.sourceWords}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!rows && m.tracks?.tracks.length ? (
        <p className="muted">
          Pelvic tilt and rearfoot eversion need the clip&apos;s gait events: waiting for the analysis.
        </p>
      ) : null}
    </section>
  );
}

/**
 * The candidates are rung on the picture and named over it (MarkerNaming): bring the active player
 * into view, since the panel sits under it (at 1366x768 a portrait clip's player fills the window).
 */
function showPicture(): void {
  document.querySelector('[data-player].active')?.scrollIntoView({ block: 'nearest' });
}

/**
 * Two markers touching on the naming frame are one candidate, and a leg named there loses its first
 * fold (docs/markers.md, "Where the rear legs' misses are, and a leg named while folded"): said
 * beside the candidates, before the PT names them.
 */
function mergedWords(merged: readonly number[], view: 'side' | 'rear'): string {
  const n = merged.map((i) => i + 1);
  const which =
    n.length === 1
      ? `Candidate ${n[0]} looks`
      : `Candidates ${n.slice(0, -1).join(', ')} and ${n[n.length - 1]} look`;
  return (
    // In the rear view the pairs that touch are one leg's heel counter and shank, folded in swing
    // (docs/markers.md); in a side view markers can touch for other reasons (the legs crossing).
    `${which} like two markers touching${view === 'rear' ? ' (a leg folded)' : ''}. Name the markers on ` +
    'a frame where they are apart, each its own candidate (step a few frames on), or tracking may ' +
    `lose ${view === 'rear' ? 'that leg' : 'them'} at first.`
  );
}
