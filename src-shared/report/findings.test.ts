import { describe, expect, it } from 'vitest';
import { buildReport } from './build';
import { flatCondition, reportInput, runnerClip } from './testing/report-input';

/**
 * The evidence under a finding is where a PT first meets "SDD" (the report page's finding editor and
 * the PDF print the same lines), so it is spelled out there. On the seeded synthetic runner with a
 * known right pelvic drop (9°), so the suggestions hold a finding with a published SDD.
 */
describe('finding evidence', () => {
  const rear = runnerClip({
    view: 'rear',
    fps: 60,
    durationS: 8,
    seed: 7,
    noisePx: 1,
    right: { pelvicDropDeg: 9 },
  });
  const { model } = buildReport(reportInput([flatCondition(rear)]));

  it('names the smallest detectable difference in words, not only as "SDD"', () => {
    const lines = model.findings.flatMap((f) => f.evidence).filter((e) => /SDD/.test(e));
    expect(lines.length).toBeGreaterThan(0);
    for (const e of lines) expect(e).toMatch(/smallest detectable difference \(SDD\)/);
  });
});
