/**
 * The review's "What to work on first" lists the session's findings as the report does, whichever
 * clip of the session is open (src-shared/report/session-findings.ts). A condition filmed from the
 * side (a stiff knee on both legs, an overstride on the right) and from behind (a right pelvic drop,
 * its left/right difference, a left wrist crossing the midline), real analyses of synthetic
 * runners: with the side clip open or the rear one, the panel's items are the report's first three,
 * the knee merged "on both sides". The panel is rendered by React itself (react-dom/server), fed the
 * session's clips as ReviewPage gives them.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait, DEFAULT_EXERCISES, type GaitAnalysis } from '../../src-shared/gait';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { buildReport } from '../../src-shared/report/build';
import { splitFindings } from '../../src-shared/report/priorities';
import { createElement, renderToStaticMarkup } from '../helpers/react-render';

// Loaded by name (see react-render.ts): the node type-check has no JSX and no DOM.
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { WorkOnFirstPanel } = (await load('../../src-renderer/src/review/panels/WorkOnFirstPanel.tsx')) as {
  WorkOnFirstPanel: (p: { gait: GaitAnalysis; recordingId?: string }) => unknown;
};
const { SessionClips } = (await load('../../src-renderer/src/review/session-side-clips.ts')) as {
  SessionClips: { Provider: unknown };
};

const sideRun = generateRunner({
  view: 'side',
  fps: 60,
  durationS: 8,
  seed: 3,
  noisePx: 1,
  stanceKneePeakDeg: 18,
  kneeAtIcDeg: 8,
  kneeAtToDeg: 10,
});
const rearRun = generateRunner({
  view: 'rear',
  fps: 60,
  durationS: 8,
  seed: 3,
  noisePx: 1,
  right: { pelvicDropDeg: 8.5 },
  left: { pelvicDropDeg: 2 },
  leftArm: { wristMedialCm: 22 },
});
const side = analyzeGait({ series: sideRun.series, view: 'side', calibration: { heightCm: 175 } });
const rear = analyzeGait({ series: rearRun.series, view: 'rear', calibration: { heightCm: 175 } });

const report = buildReport({
  patient: { name: 'Sam Synthetic', heightCm: 175 },
  session: { id: 's1', date: '2026-12-07' },
  conditions: [
    {
      id: 'c1',
      label: 'Flat',
      clips: [
        { view: 'side', file: 'side.mp4', model: 'full', analysis: side, series: sideRun.series },
        { view: 'rear', file: 'rear.mp4', model: 'full', analysis: rear, series: rearRun.series },
      ],
    },
  ],
  exercises: DEFAULT_EXERCISES,
  appVersion: '0.1.0',
  now: '2026-12-07T10:00:00.000Z',
}).model;
const first = splitFindings(report.findings).first.map(
  (f) => `${f.text}${f.cue ? ` · “${f.cue.text}”` : ''}`,
);

/** The panel's items in words with `open` open, the other clip loaded as ReviewPage loads it. */
function panel(open: 'side' | 'rear'): string[] {
  const session = [
    { recordingId: 'r-side', name: 'side.mp4', view: 'side', label: 'Flat', analysis: side },
    { recordingId: 'r-rear', name: 'rear.mp4', view: 'rear', label: 'Flat', analysis: rear },
  ];
  const html = renderToStaticMarkup(
    createElement(
      SessionClips.Provider,
      { value: session },
      createElement(WorkOnFirstPanel, { gait: open === 'side' ? side : rear, recordingId: `r-${open}` }),
    ),
  );
  return [...html.matchAll(/<li[^>]*>(.*?)<\/li>/gs)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'"),
  );
}

describe("the review's first three, side or rear clip open", () => {
  it('the designed findings fire on both views', () => {
    expect(side.findings.map((f) => `${f.id}:${f.side}`)).toEqual(
      expect.arrayContaining(['stiff-knee-stance:left', 'stiff-knee-stance:right']),
    );
    expect(rear.findings.map((f) => `${f.id}:${f.side}`)).toEqual(
      expect.arrayContaining(['contralateral-pelvic-drop:right', 'arm-crossover:left']),
    );
    expect(report.findings.map((f) => f.text)).toContain('Stiff knee in stance on both sides.');
    expect(first).toHaveLength(3);
  });

  it('are the report’s first three with the side clip open, and with the rear one', () => {
    expect(panel('side')).toEqual(first);
    expect(panel('rear')).toEqual(first);
  });
});
