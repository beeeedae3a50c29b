/**
 * Marker events as the screens show them (issue 15 item 3), rendered by React itself
 * (react-dom/server): the synthetic runner's landmarks analysed by the one orchestration with its
 * feet's heel and 5th MT markers (true positions; the near heel marker lost around one contact).
 * Review's Gait events panel (its source line) names each foot's source, the report's quality notes carry the same
 * words, and the steps are read at the marker events (every contact but the hidden one from them).
 * The service path (gait:analyze and report:get on a real library) is hybrid-events.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { generateMarkerClip } from '../../src-shared/gait/synthetic/marker-clip';
import type { MarkerName, MarkerTrack } from '../../src-shared/markers';
import { buildReport } from '../../src-shared/report/build';
import { clipInput, flatCondition, reportInput } from '../../src-shared/report/testing/report-input';
import { analyseClip } from '../../src-shared/review/analyse';
import { pixels } from '../../src-shared/units';
import { createElement, renderToStaticMarkup, type Component } from '../helpers/react-render';

// React and the renderer's components are loaded by name: the node type-check has no JSX and no
// DOM (as hybrid-tables.test.ts). vitest compiles them as the renderer's build does.
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
// The line the Gait events panel (EventsPanel.tsx) shows; the panel itself needs the app's transport.
const { EventsSource } = (await load('../../src-renderer/src/review/panels/EventsSource.tsx')) as {
  EventsSource: Component<{ source?: string }>;
};

describe('marker events on screen', () => {
  it('Review’s events panel and the report name where each foot’s events came from', () => {
    const opts = { view: 'side' as const, fps: 60, durationS: 4 };
    const clip = generateMarkerClip({ ...opts, distractors: false, hidden: null });
    const hide = clip.truth.events.find(
      (e) => e.kind === 'initial-contact' && e.side === 'right' && e.frameF > 100,
    )!;
    const names: MarkerName[] = ['leftHeel', 'leftFifthMetatarsal', 'rightHeel', 'rightFifthMetatarsal'];
    const tracks: MarkerTrack[] = names.map((name) => ({
      name,
      points: clip.truth.points[name]!.map((p, i) =>
        name === 'rightHeel' && Math.abs(i - hide.frameF) < 3
          ? { x: pixels(p.x), y: pixels(p.y), confidence: 0, state: 'lost' as const }
          : { x: pixels(p.x), y: pixels(p.y), confidence: 0.9, state: 'detected' as const },
      ),
    }));
    const series = generateRunner({ ...opts, noisePx: 3 }).series;
    const r = analyseClip(series, [], {
      view: 'side',
      trim: { startFrame: 0, endFrame: 1e9 },
      markerTracks: tracks,
    });
    const gait = r.gait!;
    const words = gait.flags.find((f) => f.code === 'events-from-markers')!.message;
    expect(words).toMatch(
      /^Gait events: left: heel markers; right: heel markers \(1 of \d+ events from pose landmarks, where the markers were hidden\)\.$/,
    );
    // The hidden contact is the landmarks'; every other contact and toe-off the markers'.
    const feet = gait.events.filter((e) => e.kind === 'initial-contact' || e.kind === 'toe-off');
    const landmark = feet.filter((e) => e.source !== 'markers');
    expect(landmark).toHaveLength(1);
    expect(landmark[0]!.kind).toBe('initial-contact');
    expect(Math.abs(landmark[0]!.frameF - hide.frameF)).toBeLessThanOrEqual(1);

    const html = renderToStaticMarkup(createElement(EventsSource, { source: words }));
    expect(html).toContain(`data-testid="events-source">${words.replace(/'/g, '&#x27;')}</p>`);

    const model = buildReport(reportInput([flatCondition(clipInput('side', gait, series))])).model;
    expect(model.conditions[0]!.quality.map((q) => q.text)).toContain(`side view: ${words}`);
  });
});
