/**
 * Review's Markers panel says, beside the candidates, which candidate looks like two markers
 * touching and what to do (issue 15; docs/markers-app.md "Review: Markers mode"), rendered by React
 * itself (react-dom/server, as hybrid-tables.test.ts): the candidates are what "Find bright markers"
 * offers on the synthetic rear runner's frame 0 (`candidateBlobs`, the service's own), with the right
 * leg folded (seed 61: its shank's upper and heel counter's lower markers one blob) and apart (seed 7).
 */
import { describe, expect, it } from 'vitest';
import { generateMarkerClip } from '../../src-shared/gait/synthetic/marker-clip';
import { candidateBlobs } from '../../src-shared/markers';
import { renderHtml, type Component } from '../helpers/react-render';

const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { MarkersPanel } = (await load('../../src-renderer/src/review/markers/MarkersPanel.tsx')) as {
  MarkersPanel: Component<{ markers: unknown; view: 'side' | 'rear'; frame: number; rows: null }>;
};

const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The panel in Markers mode with the candidates found on frame 0 of the rear runner with `seed`. */
function panel(seed: number, frame = 0, view: 'side' | 'rear' = 'rear'): string {
  const clip = generateMarkerClip({ view: 'rear', fps: 30, durationS: 0.2, seed });
  const blobs = candidateBlobs(clip.frame(0), { appearance: { kind: 'bright' } });
  const markers = {
    on: true,
    setup: null,
    tracks: null,
    status: null,
    detected: {
      frame: 0,
      detection: { mode: 'brightness' },
      blobs: blobs.map((b) => ({ ...b, suggestions: [] })),
    },
    picking: false,
    chosen: null,
    busy: false,
    message: '',
  };
  return renderHtml(MarkersPanel, { markers, view, frame, rows: null });
}

describe('MarkersPanel: a candidate of two markers touching', () => {
  it('is named with what to do, beside the candidates, on a frame with a leg folded', () => {
    const html = panel(61);
    const at = html.indexOf('data-testid="markers-merged"');
    expect(at).toBeGreaterThan(html.indexOf('aria-label="Candidate markers"'));
    expect(at).toBeLessThan(html.indexOf('Track markers'));
    const said = text(html.slice(html.lastIndexOf('<p', at), html.indexOf('</p>', at)));
    expect(said).toBe(
      'Candidate 10 looks like two markers touching (a leg folded). Name the markers on a frame where ' +
        'they are apart, each its own candidate (step a few frames on), or tracking may lose that leg at first.',
    );
    expect(html).toContain('aria-label="Candidate 10 at');
  });

  it('does not say why the markers touch in a side view, where a folded leg is not the reason', () => {
    const said = text(panel(61, 0, 'side'));
    expect(said).toContain(
      'Candidate 10 looks like two markers touching. Name the markers on a frame where they are apart, ' +
        'each its own candidate (step a few frames on), or tracking may lose them at first.',
    );
    expect(said).not.toContain('folded');
  });

  it('is not said where the legs are apart, nor once the frame on screen has moved on', () => {
    expect(panel(7)).not.toContain('markers-merged');
    expect(panel(61, 1)).not.toContain('markers-merged');
  });
});
