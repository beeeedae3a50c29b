/**
 * Tracking the markers again (after a name was changed or a marker added) keeps the last run's table
 * on screen until the new run ends. Walking the marker flow, the pelvic tilt rows of the last run
 * stood under "Tracking… 40 of 360 frames" with nothing to say they were not this run's: the panel
 * now says so while a run goes on. Rendered by React itself (react-dom/server), as the panel's other
 * render tests.
 */
import { describe, expect, it } from 'vitest';
import type { MarkerVariableRow } from '../../src-shared/review/marker-variables';
import { renderHtml, type Component } from '../helpers/react-render';

const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { MarkersPanel } = (await load('../../src-renderer/src/review/markers/MarkersPanel.tsx')) as {
  MarkersPanel: Component<{
    markers: unknown;
    view: 'side' | 'rear';
    frame: number;
    rows: readonly MarkerVariableRow[] | null;
  }>;
};

const side = (mean: number) => ({
  values: [],
  mean,
  sd: 1.1,
  n: 16,
  interval: [mean - 3.1, mean + 3.1] as const,
  uncertainty: null,
  tracking: 0,
  notMeasurable: null,
});
const row: MarkerVariableRow = {
  id: 'pelvic-tilt-ic',
  label: 'Pelvic tilt at initial contact',
  view: 'side',
  definition: 'ASIS–PSIS line vs horizontal; + = anterior tilt.',
  source: 'markers',
  sourceWords: 'right ASIS and PSIS markers',
  left: side(10.8),
  right: side(12.3),
};

function panel(state: 'running' | 'done'): string {
  const markers = {
    on: true,
    setup: { frame: 0, markers: [{ name: 'rightAsis', x: 309, y: 876, radius: 7 }] },
    tracks: null,
    status: { recordingId: 'r', state, framesDone: 40, frameCount: 360 },
    detected: null,
    picking: false,
    chosen: null,
    busy: false,
    message: '',
  };
  return renderHtml(MarkersPanel, { markers, view: 'side', frame: 0, rows: [row] });
}

describe('the marker table while tracking again', () => {
  it('says the values are the last run\u2019s while a run goes on, and not once it is done', () => {
    const running = panel('running');
    expect(running).toContain('Tracking… 40 of 360 frames');
    expect(running).toContain('data-testid="marker-variable-pelvic-tilt-ic"');
    const note = /data-testid="marker-variables-previous"[^>]*>([^<]*)</.exec(running);
    expect(note?.[1]).toBe(
      'Tracking again: the values below are from the last tracking until this run ends.',
    );
    // The note stands before the table it speaks of.
    expect(running.indexOf('marker-variables-previous')).toBeLessThan(
      running.indexOf('data-testid="marker-variables"'),
    );
    expect(panel('done')).not.toContain('marker-variables-previous');
  });
});

describe('the marker table\u2019s columns', () => {
  it('name the foot whose strides each value is read on, not a side of the pelvis', () => {
    // "Left" / "Right" over a pelvic tilt read from the right ASIS and PSIS read as sides of the pelvis
    // (the walk of a returning patient's visit at 1366x768): each column is one foot's strides.
    const heads = [...panel('done').matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(heads).toEqual(['Variable', 'Left foot&#x27;s strides', 'Right foot&#x27;s strides', 'From']);
  });
});
