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
import { analysedRunner } from '../../src-shared/gait/testing/runner';
import { buildReport } from '../../src-shared/report/build';
import { clipInput, flatCondition, reportInput } from '../../src-shared/report/testing/report-input';
import { reportFirstThree, workFirstItems } from '../helpers/work-first';

const design = { fps: 60, durationS: 8, seed: 3, noisePx: 1 } as const;
const sideRun = analysedRunner({
  view: 'side',
  ...design,
  stanceKneePeakDeg: 18,
  kneeAtIcDeg: 8,
  kneeAtToDeg: 10,
});
const rearRun = analysedRunner({
  view: 'rear',
  ...design,
  right: { pelvicDropDeg: 8.5 },
  left: { pelvicDropDeg: 2 },
  leftArm: { wristMedialCm: 22 },
});
const side = sideRun.analysis;
const rear = rearRun.analysis;

const report = buildReport(
  reportInput(
    [flatCondition(clipInput('side', side, sideRun.series), clipInput('rear', rear, rearRun.series))],
    { patient: { name: 'Sam Synthetic', heightCm: 175 } },
  ),
).model;
const first = reportFirstThree(report);

/** The panel's items in words with `open` open, the other clip loaded as ReviewPage loads it. */
function panel(open: 'side' | 'rear'): string[] {
  const session = [
    { recordingId: 'r-side', name: 'side.mp4', view: 'side', label: 'Flat', analysis: side },
    { recordingId: 'r-rear', name: 'rear.mp4', view: 'rear', label: 'Flat', analysis: rear },
  ];
  return workFirstItems(session, open === 'side' ? side : rear, `r-${open}`);
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
