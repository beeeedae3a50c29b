/**
 * The engine against the synthetic runner (known answers): events, cadence, timing.
 * "Exact" (no noise) means the event's sub-frame time is within 0.3 frame of the truth and its
 * frame is the true event's frame by the engine's convention (initial contact: the first frame at or
 * after the true instant; toe-off: the last frame at or before it; midstance, late swing: the
 * nearest frame); when the truth lies within that precision of a boundary where the frame changes,
 * either neighbour is right.
 */
import { describe, expect, it } from 'vitest';
import { Landmark } from '../pose/landmarks';
import { analyzeGait } from './analyze';
import { generateRunner, type StrikeType } from './synthetic';
import { interiorTruth, matchEvents, missed } from './testing/match';

const DURATION = 6;

describe('gait events on a noise-free synthetic runner', () => {
  const cases: { fps: number; strike: StrikeType; gait: 'running' | 'walking'; cadence: number }[] = [];
  for (const fps of [30, 60, 120, 240])
    for (const strike of ['rearfoot', 'midfoot', 'forefoot'] as const)
      cases.push({ fps, strike, gait: 'running', cadence: 170 });
  for (const fps of [30, 120]) cases.push({ fps, strike: 'rearfoot', gait: 'walking', cadence: 110 });
  cases.push(
    { fps: 60, strike: 'forefoot', gait: 'running', cadence: 190 },
    { fps: 60, strike: 'rearfoot', gait: 'running', cadence: 160 },
  );

  it.each(cases)(
    '$gait, $strike strike, $cadence steps/min at $fps fps: every event on its exact frame',
    ({ fps, strike, gait, cadence }) => {
      const clip = generateRunner({ view: 'side', fps, strike, gait, cadence, durationS: DURATION });
      const result = analyzeGait({ series: clip.series, view: 'side', cutoffHz: 'none' });
      const matches = matchEvents(result, clip.truth.events, fps);
      expect(matches.length).toBeGreaterThan(20);
      // At 30 fps a foot moves ~4 cm per frame before contact: sub-frame timing is coarser there.
      const tol = fps <= 30 ? 0.4 : 0.3;
      for (const m of matches) {
        expect(Math.abs(m.subFrameError), `${m.kind} ${m.side}`).toBeLessThanOrEqual(tol);
        // Within the sub-frame precision of a boundary, either neighbouring frame is right.
        if (m.boundaryDistance >= tol) expect(m.frameError, JSON.stringify(m)).toBe(0);
      }
      expect(missed(result, interiorTruth(clip.truth.events, DURATION, clip.truth.strideS), fps, 0)).toEqual(
        [],
      );
      expect(result.gait).toBe(gait);
      expect(Math.abs((result.cadence.value as number) - cadence)).toBeLessThan(0.25);
    },
  );
});

describe('gait events with landmark noise (1 px SD, about 0.4% of a leg length)', () => {
  for (const fps of [30, 60, 120, 240]) {
    it(`at ${fps} fps: contacts, toe-offs and midstances within a frame, late swing within two`, () => {
      const all: ReturnType<typeof matchEvents> = [];
      for (const strike of ['rearfoot', 'midfoot', 'forefoot'] as const) {
        const clip = generateRunner({ view: 'side', fps, strike, noisePx: 1, seed: 11, durationS: DURATION });
        const result = analyzeGait({ series: clip.series, view: 'side' });
        expect(result.filter.choice).toBe('residual-analysis');
        expect(missed(result, interiorTruth(clip.truth.events, DURATION), fps, 2)).toEqual([]);
        all.push(...matchEvents(result, clip.truth.events, fps));
        expect(Math.abs((result.cadence.value as number) - 170)).toBeLessThan(1);
      }
      const main = all.filter((m) => m.kind !== 'late-swing');
      const within1 = main.filter((m) => Math.abs(m.frameError) <= 1).length / main.length;
      expect(within1).toBeGreaterThanOrEqual(0.97);
      for (const m of main) expect(Math.abs(m.frameError)).toBeLessThanOrEqual(fps >= 60 ? 2 : 4);
      for (const m of all.filter((x) => x.kind === 'late-swing'))
        expect(Math.abs(m.frameError)).toBeLessThanOrEqual(2);
    });
  }

  it.each([30, 60])(
    'with pose-model-like noise (5 px: 2 percent of a leg; 2 percent dropouts) at %i fps: contacts and toe-offs within a frame, median 0',
    (fps) => {
      // The jitter of MediaPipe's foot points on a 720p phone clip; the event stage used to read
      // single frames' heights and put a third of the contacts 2 frames off at this level.
      for (const strike of ['rearfoot', 'forefoot'] as const) {
        const clip = generateRunner({
          view: 'side',
          fps,
          durationS: 10,
          noisePx: 5,
          strike,
          seed: 21,
          dropoutRate: 0.02,
        });
        const result = analyzeGait({ series: clip.series, view: 'side' });
        const contacts = interiorTruth(clip.truth.events, 10, clip.truth.strideS).filter(
          (e) => e.kind === 'initial-contact' || e.kind === 'toe-off',
        );
        expect(missed(result, contacts, fps, 1)).toEqual([]);
        for (const kind of ['initial-contact', 'toe-off']) {
          const m = matchEvents(result, clip.truth.events, fps).filter((x) => x.kind === kind);
          const errs = m.map((x) => x.frameError).sort((a, b) => a - b);
          expect(
            errs.filter((e) => Math.abs(e) <= 1).length / errs.length,
            `${strike} ${kind}`,
          ).toBeGreaterThanOrEqual(0.95);
          expect(errs[errs.length >> 1], `${strike} ${kind}`).toBe(0);
        }
        expect(Math.abs((result.cadence.value as number) - 170)).toBeLessThan(1);
      }
    },
  );

  it('recovers contact and flight times and the vertical oscillation', () => {
    const clip = generateRunner({ view: 'side', fps: 120, noisePx: 1, seed: 4, durationS: 8 });
    const r = analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: 175 } });
    const mean = (id: string): number => {
      const v = r.variables.find((x) => x.id === id);
      return ((v?.left.mean as number) + (v?.right.mean as number)) / 2;
    };
    // The engine allows for ~1 cm of heel-pad and midsole compression at landing (real feet sink
    // after touching; eventsTemplate.ts), capped at half a frame; the synthetic foot is rigid, so
    // here contact starts up to half a frame (4 ms at 120 fps) early: contact time reads up to that
    // much longer and flight time that much shorter, on top of the 5 ms precision asked.
    const halfFrame = 0.5 / 120;
    expect(mean('contact-time') - clip.truth.contactS).toBeGreaterThan(-0.005);
    expect(mean('contact-time') - clip.truth.contactS).toBeLessThan(0.005 + halfFrame);
    expect(mean('flight-time') - clip.truth.flightS).toBeLessThan(0.005);
    expect(mean('flight-time') - clip.truth.flightS).toBeGreaterThan(-0.005 - halfFrame);
    expect(mean('step-time')).toBeCloseTo(clip.truth.stepS, 2);
    expect(mean('duty-factor')).toBeCloseTo(clip.truth.dutyFactor, 1);
    expect(Math.abs(mean('vertical-oscillation') - clip.truth.verticalOscillationCm)).toBeLessThan(1);
  });
});

describe('gait events on a short clip (fewer than 4 stances a foot: no template, no rhythm)', () => {
  // A runner crossing an overground camera's field gives 1–3 stances a foot (the labelled demo3
  // clip: 1.6 s). Such clips are timed by the threshold crossings and kink fits alone, and a rule
  // made for one real short clip must not move them off the truth: a toe-off-from-the-toe's-travel
  // rule tried for issue 20 put these toe-offs 2–3 frames late (docs/gait-methods.md).
  it.each([30, 60])(
    'at %i fps with 1–3 px noise: contacts and toe-offs within a frame (≥ 90%, median 0)',
    (fps) => {
      const errs: Record<'initial-contact' | 'toe-off', number[]> = { 'initial-contact': [], 'toe-off': [] };
      for (const strike of ['rearfoot', 'forefoot'] as const)
        for (const noisePx of [1, 3])
          for (const seed of [1, 2, 3]) {
            const clip = generateRunner({ view: 'side', fps, durationS: 1.4, strike, noisePx, seed });
            const r = analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: 175 } });
            for (const m of matchEvents(r, clip.truth.events, fps))
              if ((m.kind === 'initial-contact' || m.kind === 'toe-off') && Number.isFinite(m.frameError))
                errs[m.kind].push(m.frameError);
          }
      for (const kind of ['initial-contact', 'toe-off'] as const) {
        const e = [...errs[kind]].sort((a, b) => a - b);
        expect(e.length, kind).toBeGreaterThan(20);
        expect(
          e.filter((x) => Math.abs(x) <= 1).length / e.length,
          `${kind}: ${e.join(',')}`,
        ).toBeGreaterThanOrEqual(0.9);
        expect(e[e.length >> 1], kind).toBe(0);
      }
    },
  );
});

describe('no events for a foot outside the image', () => {
  // A pose model places a foot that has left the image at a guessed point with high visibility
  // (MediaPipe on the labelled walking clip: 30-50 px beyond the edge at visibility 0.94), and the
  // engine used to report a contact and a toe-off from those guesses.
  it('reports no contact or toe-off of a foot while its points lie beyond the image edge', () => {
    const fps = 30;
    const clip = generateRunner({ view: 'side', fps, durationS: DURATION, noisePx: 1, seed: 4 });
    const series = structuredClone(clip.series);
    const width = series.source.width;
    const hidden = { from: 60, to: 100 };
    // The left foot's heel and toe put beyond the right edge, as the model guesses them.
    for (const f of series.frames.slice(hidden.from, hidden.to + 1))
      for (const k of [Landmark.leftHeel, Landmark.leftFootIndex]) {
        const p = f.image?.[k];
        if (p) p[0] = width + 40;
      }
    const r = analyzeGait({ series, view: 'side', calibration: { heightCm: 175 } });
    const inHidden = r.events.filter(
      (e) =>
        e.side === 'left' &&
        (e.kind === 'initial-contact' || e.kind === 'toe-off') &&
        e.frame >= hidden.from &&
        e.frame <= hidden.to,
    );
    expect(inHidden).toEqual([]);
    // The truth has left-foot events there: the foot's own frames would have given them.
    const truthThere = clip.truth.events.filter(
      (t) =>
        t.side === 'left' && t.kind === 'initial-contact' && t.t * fps > hidden.from && t.t * fps < hidden.to,
    );
    expect(truthThere.length).toBeGreaterThan(0);
    // The rest of the clip keeps its events.
    const outside = r.events.filter(
      (e) => e.side === 'left' && e.kind === 'initial-contact' && e.frame > hidden.to + 5,
    );
    expect(outside.length).toBeGreaterThanOrEqual(3);
  });
});

describe('a walker whose floor drifts in the image (overground: nearing the camera, sloping ground)', () => {
  // The labelled walking clips (demo4, park) show each foot's stance level moving 10–20 px within
  // a pass while the entry band is ~8–24 px and a walker's swing foot clears the floor by only
  // 15–35 px at their scale: read against one level per foot for the whole clip, whole stances
  // fall outside the band (docs/gait-methods.md, "Accuracy on labelled clips"). The synthetic
  // walker at the park clip's scale (2.3 px/cm) shows it with known answers. Rules tried for it
  // and reverted are in the docs; this turns red the day a rule finds these events.
  const walker = (driftCmPerS: number): ReturnType<typeof generateRunner> =>
    generateRunner({
      view: 'side',
      fps: 30,
      gait: 'walking',
      strike: 'rearfoot',
      cadence: 110,
      durationS: DURATION,
      pxPerCm: 2.3,
      driftCmPerS,
      seed: 1,
    });
  const score = (
    clip: ReturnType<typeof generateRunner>,
  ): { found: number; within1: number; truth: number } => {
    const r = analyzeGait({ series: clip.series, view: 'side' });
    const truth = interiorTruth(clip.truth.events, DURATION, clip.truth.strideS).filter(
      (e) => e.kind === 'initial-contact' || e.kind === 'toe-off',
    );
    const lost = missed(r, truth, 30, 1).length;
    const m = matchEvents(r, clip.truth.events, 30).filter(
      (x) => x.kind === 'initial-contact' || x.kind === 'toe-off',
    );
    return {
      found: truth.length - lost,
      within1: m.filter((x) => Math.abs(x.frameError) <= 1).length,
      truth: truth.length,
    };
  };

  it('on a level floor at this scale: every contact and toe-off found within a frame', () => {
    const s = score(walker(0));
    expect(s.truth).toBeGreaterThan(10);
    expect(s.found, JSON.stringify(s)).toBe(s.truth);
    expect(s.within1 / s.truth, JSON.stringify(s)).toBeGreaterThanOrEqual(0.9);
  });

  // Measured: drifting 3 cm/s (7 px/s) it finds 9 of 22 contacts and toe-offs (5 within a frame).
  it.fails('drifting 3 cm/s up the image: every contact and toe-off found within a frame', () => {
    const s = score(walker(3));
    expect(s.found, JSON.stringify(s)).toBe(s.truth);
    expect(s.within1 / s.truth, JSON.stringify(s)).toBeGreaterThanOrEqual(0.9);
  });
});
