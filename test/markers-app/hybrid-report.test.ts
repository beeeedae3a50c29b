import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import { saveTracks } from '../../src-main/services/markers/store';
import type { ReportBundle } from '../../src-shared/report/model';
import { kneeMarkers } from '../../src-shared/review/testing/marker-legs';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { sampleSeries, sessionWithSample } from '../report/library-fixture';

/**
 * The hybrid analysis through the report service (issue 15 item 3), on a real library: the treadmill
 * sample really imported, its real landmarks in the pose store, and knee markers stored as the
 * tracker stores them, placed on each leg's hip and knee landmarks with the malleolus marker turned
 * 1° off the thigh line (marker knee flexion 1° on every frame; the landmarks read a running knee).
 * `report:get` prints the marker value in the landmarks' place with its source, per side where the
 * markers are measurable and the landmarks' where they are not, and draws the findings from the
 * value printed.
 */
let t: TestServices;
let services: Services;
let sessionId: string;
let recordingId: string;

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-hybrid-' });
  services = t.services;
  ({ sessionId, recordingId } = await sessionWithSample(services));
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('hybrid analysis in the report service', () => {
  it('prints the marker knee flexion in place of the landmarks’, with its source, and finds on it', async () => {
    const report = async (): Promise<ReportBundle['model']> => {
      const r = await services.dispatch('report:get', { sessionId });
      expect(r.ok).toBe(true);
      return (r as { result: ReportBundle }).result.model;
    };
    // Before any marker: the landmarks' running knee, and no source line (nothing to tell apart).
    const before = (await report()).conditions[0]!.variables.find((v) => v.key === 'knee-flexion-ic')!;
    expect(before.source).toBeUndefined();
    const series = sampleSeries();
    await saveTracks(services.library.data, recordingId, 'designed', [
      ...kneeMarkers(series, 'left', 1),
      ...kneeMarkers(series, 'right', 1),
    ]);
    const model = await report();
    const c = model.conditions[0]!;
    const knee = c.variables.find((v) => v.key === 'knee-flexion-ic')!;
    // Each side says where it came from; a side from the markers reads the designed 1°.
    const from = (side: 'left' | 'right'): string =>
      knee.source!.from === 'mixed'
        ? (new RegExp(`${side}: (markers|pose landmarks)`).exec(knee.source!.text)?.[1] ?? '')
        : knee.source!.from === 'markers'
          ? 'markers'
          : 'pose landmarks';
    const sides = (['left', 'right'] as const).filter((s) => from(s) === 'markers');
    expect(sides.length, knee.source!.text).toBeGreaterThan(0);
    for (const s of sides) {
      expect(Math.abs(knee[s]!.mean - 1), `${s} ${knee[s]!.mean}`).toBeLessThan(0.05);
      // The finding rests on the value printed.
      const f = model.findings.find((x) => x.text.startsWith('Landing with an extended knee'))!;
      expect(f.evidence.join(' ')).toContain(`Knee flexion at initial contact, ${s}: 1.0 ±`);
    }
    for (const s of (['left', 'right'] as const).filter((x) => !sides.includes(x)))
      expect(knee[s]).toEqual(before[s]);
    for (const s of sides) expect(before[s]!.mean).toBeGreaterThan(5);
    // Every other row names its source too; the markers' own table has no knee rows.
    expect(c.variables.every((v) => v.source)).toBe(true);
    expect(c.variables.find((v) => v.key === 'hip-extension-to')!.source!.text).toBe('pose landmarks');
    expect((c.markerRows ?? []).some((m) => m.id === 'knee-flexion-ic')).toBe(false);
    console.log(
      `landmarks: left ${before.left?.mean.toFixed(2)} (n ${before.left?.n}), right ${before.right?.mean.toFixed(2)} (n ${before.right?.n}); markers: left ${knee.left?.mean.toFixed(2)} (n ${knee.left?.n}), right ${knee.right?.mean.toFixed(2)} (n ${knee.right?.n}); source ${knee.source!.text}`,
    );
  }, 180_000);
});
