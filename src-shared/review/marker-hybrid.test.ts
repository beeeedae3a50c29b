import { describe, expect, it } from 'vitest';
import { analysedRunner } from '../gait/testing/runner';
import { Landmark } from '../pose/landmarks';
import type { MarkerName, MarkerTrack } from '../markers';
import { buildReport } from '../report/build';
import { parseCsv } from '../report/csv';
import { analysisJson, summaryCsv } from '../report/exports';
import { clipInput, flatCondition, reportInput } from '../report/testing/report-input';
import { kneeMarkers, trackFrom } from './testing/marker-legs';
import { hybridOf, LANDMARKS, sourceText } from './marker-hybrid';
import { withMarkers } from './marker-report';

/**
 * Hybrid analysis on the seeded synthetic runner's real gait analysis (side view): knee markers
 * placed on the model's hip and knee with the malleolus marker turned 1° off the thigh line, so the
 * marker knee flexion is 1° at every frame, against the landmarks' ~20° at contact. The marker value
 * takes the landmark value's place (Review's summary, the report's table), with its source; where a
 * leg's markers are not measurable the landmark value stays; the findings read the value shown.
 */
const { series, analysis: gait } = analysedRunner({
  view: 'side',
  fps: 60,
  durationS: 8,
  seed: 7,
  noisePx: 0,
  cadence: 168,
});
const n = series.frames.length;
const FLEX = 1;

const leg = (side: 'left' | 'right', stretch?: (i: number) => number): MarkerTrack[] =>
  kneeMarkers(series, side, FLEX, stretch);
const track = (name: MarkerName, at: (i: number) => [number, number] | null): MarkerTrack =>
  trackFrom(name, n, at);
const lm = (i: number, k: number): [number, number] => {
  const p = series.frames[i]!.image![k]!;
  return [p[0], p[1]];
};

const variable = (a: typeof gait, id: string) => a.variables.find((v) => v.id === id)!;

describe('hybrid analysis: markers replace the landmark value of the same variable', () => {
  const hybrid = hybridOf('side', [...leg('left'), ...leg('right')], gait)!;
  const knee = variable(hybrid.analysis, 'knee-flexion-ic');

  it('shows the marker knee flexion in place of the landmarks’, with its source', () => {
    // The landmarks' reading first: a running knee, far from the markers' 1°.
    expect(variable(gait, 'knee-flexion-ic').left.mean!).toBeGreaterThan(10);
    for (const side of ['left', 'right'] as const) {
      expect(knee[side].mean!).toBeCloseTo(FLEX, 3);
      expect(knee[side].notMeasurable).toBeNull();
      expect(knee[side].uncertainty!.interval[0]).toBeLessThan(FLEX);
      expect(knee[side].uncertainty!.interval[1]).toBeGreaterThan(FLEX);
      // Each value on its step (the engine's step numbers, the k-th contact of that foot), over the
      // steps the engine counts: the same steps as the landmarks'.
      const own = variable(gait, 'knee-flexion-ic')[side];
      expect(knee[side].values.map((v) => v.step)).toEqual(
        own.values.filter((v) => v.clean).map((v) => v.step),
      );
      expect(knee[side].n).toBe(own.n);
      expect(hybrid.sources['knee-flexion-ic']![side].from).toBe('markers');
    }
    expect(sourceText(hybrid.sources['knee-flexion-ic'])).toMatchObject({
      from: 'markers',
      text: 'markers (trochanter, knee and ankle markers)',
    });
    expect(knee.symmetry!.difference).toBeCloseTo(0, 3);
    expect(variable(hybrid.analysis, 'peak-knee-flexion-stance').left.mean!).toBeCloseTo(FLEX, 3);
    // No heel or 5th metatarsal marker: the ankle stays the landmarks’, unchanged.
    expect(variable(hybrid.analysis, 'ankle-dorsiflexion-ic')).toBe(variable(gait, 'ankle-dorsiflexion-ic'));
    expect(sourceText(hybrid.sources['ankle-dorsiflexion-ic'])).toMatchObject({
      from: 'landmarks',
      text: 'pose landmarks',
    });
    // The replaced rows are not repeated among the marker rows of their own.
    expect(hybrid.ownRows.some((r) => r.id === 'knee-flexion-ic')).toBe(false);
  });

  it('draws the findings from the value shown', () => {
    const ids = (a: typeof gait) => a.findings.map((f) => `${f.id}:${f.side}`);
    // 1° at contact is beyond the 10° rule by more than its SDD (8°) with its whole interval.
    expect(ids(gait)).not.toContain('extended-knee-landing:left');
    expect(ids(hybrid.analysis)).toContain('extended-knee-landing:left');
    expect(ids(hybrid.analysis)).toContain('extended-knee-landing:right');
    const f = hybrid.analysis.findings.find((x) => x.id === 'extended-knee-landing' && x.side === 'left')!;
    expect(f.evidence[0]!.value).toBe(knee.left.mean);
    expect(f.evidence[0]!.n).toBe(knee.left.n);
  });

  it('falls back to the landmark value where the markers are not measurable from this view', () => {
    // The left malleolus 60% further out on every other stride: off its segment on half the steps.
    const off = hybridOf(
      'side',
      [...leg('left', (i) => (Math.floor(i / 40) % 2 ? 1.6 : 1)), ...leg('right')],
      gait,
    )!;
    const k = variable(off.analysis, 'knee-flexion-ic');
    expect(k.left).toEqual(variable(gait, 'knee-flexion-ic').left);
    expect(off.sources['knee-flexion-ic']!.left.words).toMatch(
      /^pose landmarks \(the markers were not measurable/,
    );
    expect(k.right.mean!).toBeCloseTo(FLEX, 3);
    expect(sourceText(off.sources['knee-flexion-ic'])).toMatchObject({
      from: 'mixed',
      sides: {
        left: 'pose landmarks (the markers were not measurable from this view)',
        right: 'markers (trochanter, knee and ankle markers)',
      },
    });
    expect(k.symmetry!.difference).toBeCloseTo(k.left.mean! - k.right.mean!, 9);
    const ids = off.analysis.findings.map((f) => `${f.id}:${f.side}`);
    expect(ids).not.toContain('extended-knee-landing:left');
    expect(ids).toContain('extended-knee-landing:right');
  });

  it('takes a side the markers measure off the "not measurable" flag', () => {
    // The landmarks' left knee hidden (as a far leg is): the engine's flag names it.
    const hidden = {
      reason: 'Not measurable from this view: the left leg is the far leg.',
      remedy: 'Film the left side.',
    };
    const ids = ['knee-flexion-ic', 'ankle-dorsiflexion-ic'];
    const farLeft = {
      ...gait,
      variables: gait.variables.map((v) =>
        ids.includes(v.id) ? { ...v, left: { ...v.left, notMeasurable: hidden }, symmetry: null } : v,
      ),
      flags: [
        ...gait.flags,
        {
          code: 'not-measurable' as const,
          severity: 'warning' as const,
          side: 'left' as const,
          message:
            'Not measurable from this view on the left: knee flexion at initial contact, ankle dorsiflexion at initial contact. Film the left side.',
        },
      ],
    };
    const h = hybridOf('side', [...leg('left'), ...leg('right')], farLeft)!;
    expect(variable(h.analysis, 'knee-flexion-ic').left.mean!).toBeCloseTo(FLEX, 3);
    const flags = h.analysis.flags.filter((f) => f.code === 'not-measurable');
    expect(flags.map((f) => f.message)).toEqual([
      'Not measurable from this view on the left: ankle dorsiflexion at initial contact. Film the left side.',
    ]);
  });

  it('leaves an analysis without usable markers as it was', () => {
    expect(hybridOf('side', [], gait)).toBeNull();
    const pelvisOnly = hybridOf('side', [track('rightAsis', (i) => lm(i, Landmark.rightHip))], gait)!;
    expect(pelvisOnly.analysis).toBe(gait);
    expect(sourceText(pelvisOnly.sources['knee-flexion-ic'])).toMatchObject({
      from: 'landmarks',
      text: LANDMARKS.words,
    });
  });

  it('prints the value shown, its source and its finding in the report', () => {
    const conditions = [
      flatCondition(clipInput('side', hybrid.analysis, series, { sources: hybrid.sources })),
    ];
    const built = buildReport(reportInput(conditions)).model;
    const c = built.conditions[0]!;
    const row = c.variables.find((r) => r.key === 'knee-flexion-ic')!;
    expect(row.left!.mean).toBeCloseTo(FLEX, 3);
    expect(row.source).toMatchObject({
      from: 'markers',
      text: 'markers (trochanter, knee and ankle markers)',
    });
    expect(row.flag?.text).toMatch(/Landing with an extended knee/);
    // Every other row of a clip with markers names its source too.
    expect(c.variables.find((r) => r.key === 'hip-extension-to')!.source).toMatchObject({
      from: 'landmarks',
      text: 'pose landmarks',
    });
    const finding = built.findings.find((f) => f.text.startsWith('Landing with an extended knee'))!;
    expect(finding.evidence[0]).toMatch(/^Knee flexion at initial contact, left: 1\.0 ± 0\.0°/);
    // Its cue cites the soft-landing cue's source, not Heiderscheit 2011, which reports no knee angle
    // at contact; cadence retraining stays its drill, to unload the knee (docs/report.md).
    expect(finding.cue).toEqual({ text: 'Land softly, with a bent knee.', source: 'Barton 2016' });
    expect(finding.drills?.[0]).toBe('cadence-retraining');
    // summary.csv says per side where each number came from.
    const [header, ...lines] = parseCsv(summaryCsv(built));
    const at = (name: string) => header!.indexOf(name);
    const kneeLeft = lines.find((l) => l[at('variable')] === 'knee-flexion-ic' && l[at('side')] === 'left')!;
    expect(kneeLeft[at('measured from')]).toBe('markers (trochanter, knee and ankle markers)');
    const hipLeft = lines.find((l) => l[at('variable')] === 'hip-extension-to' && l[at('side')] === 'left')!;
    expect(hipLeft[at('measured from')]).toBe('pose landmarks');
    expect(Number(kneeLeft[at('mean')])).toBeCloseTo(FLEX, 3);
    // analysis.json carries the values shown and where each came from.
    const json = analysisJson(built, conditions).conditions[0]!.clips[0]!;
    expect(json.gait.variables.find((v) => v.id === 'knee-flexion-ic')!.left.mean).toBe(row.left!.mean);
    expect(json.sources!['knee-flexion-ic']!.left.from).toBe('markers');
    // The marker rows table keeps only the rows without a landmark counterpart.
    const [withRows] = withMarkers(built.conditions, [
      { conditionId: 'c1', view: 'side', tracks: [...leg('left'), ...leg('right')], events: gait.events },
    ]);
    expect(withRows!.markerRows!.map((r) => r.id)).toEqual([
      'pelvic-tilt-ic',
      'pelvic-tilt-ms',
      'pelvic-tilt-to',
      'pelvic-tilt-range',
    ]);
  });
});
