import { describe, expect, it } from 'vitest';
import { analyzeGait, DEFAULT_EXERCISES } from '../gait';
import { generateRunner } from '../gait/synthetic';
import { buildReport } from './build';

/**
 * The evidence under a finding is where a PT first meets "SDD" (the report page's finding editor and
 * the PDF print the same lines), so it is spelled out there. On the seeded synthetic runner with a
 * known right pelvic drop (9°), so the suggestions hold a finding with a published SDD.
 */
describe('finding evidence', () => {
  const c = generateRunner({
    view: 'rear',
    fps: 60,
    durationS: 8,
    seed: 7,
    noisePx: 1,
    right: { pelvicDropDeg: 9 },
  });
  const { model } = buildReport({
    patient: { name: 'Erin Hamstring' },
    session: { id: 's1', date: '2026-11-21' },
    conditions: [
      {
        id: 'c1',
        label: 'Flat',
        clips: [
          {
            view: 'rear',
            file: 'synthetic-rear.mp4',
            model: 'full',
            analysis: analyzeGait({ series: c.series, view: 'rear', calibration: { heightCm: 175 } }),
            series: c.series,
          },
        ],
      },
    ],
    exercises: DEFAULT_EXERCISES,
    appVersion: '0.1.0',
    now: '2026-11-21T10:00:00.000Z',
  });

  it('names the smallest detectable difference in words, not only as "SDD"', () => {
    const lines = model.findings.flatMap((f) => f.evidence).filter((e) => /SDD/.test(e));
    expect(lines.length).toBeGreaterThan(0);
    for (const e of lines) expect(e).toMatch(/smallest detectable difference \(SDD\)/);
  });
});
