import { describe, expect, it } from 'vitest';
import { pixels } from '../units';
import { generateMarkerClip, type MarkerClip } from '../gait/synthetic/marker-clip';
import { footEvents } from './foot-events';
import { groundCrossings, pointSeries } from './foot-events-ground';
import type { MarkerName, MarkerState, MarkerTrack } from './types';

/** The marker where it truly is (this tests the rule, not the tracker), with some frames' state changed. */
function truthTrack(
  clip: MarkerClip,
  name: MarkerName,
  state: (i: number) => MarkerState = () => 'detected',
): MarkerTrack {
  return {
    name,
    points: clip.truth.points[name]!.map((p, i) => ({
      x: pixels(p.x),
      y: pixels(p.y),
      confidence: state(i) === 'detected' ? 1 : 0.4,
      state: state(i),
    })),
  };
}

const inClip = (clip: MarkerClip, f: number): boolean => f > 1.5 && f < clip.frameCount - 2.5;

describe('footEvents (true marker positions)', () => {
  for (const strike of ['rearfoot', 'midfoot', 'forefoot'] as const)
    for (const fps of [30, 60, 120]) {
      it(`finds each contact and toe-off of a ${strike} striker within a frame (${fps} fps)`, () => {
        const clip = generateMarkerClip({ view: 'side', fps, durationS: 3, strike, distractors: false });
        for (const side of ['right', 'left'] as const) {
          const found = footEvents(
            truthTrack(clip, `${side}Heel`),
            truthTrack(clip, `${side}FifthMetatarsal`),
            side,
          );
          // The forefoot point lies ahead of the 5th MT marker: the shoe rolls over its front at push-off.
          expect(found.forefoot!.pivot.alongPx).toBeGreaterThan(found.forefoot!.pivot.footPx);
          expect(found.heel!.stanceSdPx!).toBeLessThan(0.5);
          for (const kind of ['initial-contact', 'toe-off'] as const) {
            const truth = clip.truth.events.filter(
              (e) => e.kind === kind && e.side === side && inClip(clip, e.frameF),
            );
            const mine = found.events.filter((e) => e.kind === kind);
            expect(truth.length).toBeGreaterThan(2);
            for (const t of truth) {
              const near = mine.reduce<number>(
                (best, e) => (Math.abs(e.frameF - t.frameF) < Math.abs(best - t.frameF) ? e.frameF : best),
                Infinity,
              );
              // Within a frame at 30 and 60 fps; at 120 fps a toe-off is read up to 1.3 frames
              // (11 ms) late: the foot leaves the belt slowly (foot-events-ground.ts).
              const tol = fps <= 60 ? 1 : 15e-3 * fps;
              expect(
                Math.abs(near - t.frameF),
                `${side} ${kind} at ${t.frameF.toFixed(2)}`,
              ).toBeLessThanOrEqual(tol);
            }
            // Nothing invented: one event per true one (a stance cut by the clip's ends may add one).
            expect(mine.length).toBeLessThanOrEqual(truth.length + 2);
          }
          // A rearfoot striker lands on the heel, a forefoot striker on the forefoot.
          const ics = found.events.filter((e) => e.kind === 'initial-contact' && inClip(clip, e.frameF));
          if (strike === 'rearfoot') expect(ics.every((e) => e.by === 'heel')).toBe(true);
          if (strike === 'forefoot') expect(ics.every((e) => e.by === 'forefoot')).toBe(true);
        }
      });
    }

  it('the 5th MT marker itself leaves its level long before toe-off (why the forefoot point is found)', () => {
    const clip = generateMarkerClip({ view: 'side', fps: 60, durationS: 3, distractors: false });
    const lifts = groundCrossings(pointSeries(truthTrack(clip, 'rightFifthMetatarsal')).y, 2)!.lifts;
    const tos = clip.truth.events.filter(
      (e) => e.kind === 'toe-off' && e.side === 'right' && inClip(clip, e.frameF),
    );
    const contactFrames = clip.truth.design.contactS * clip.fps;
    for (const t of tos) {
      const lift = lifts.find((l) => l.frameF < t.frameF && l.frameF > t.frameF - contactFrames)!;
      // More than a fifth of the stance early.
      expect(t.frameF - lift.frameF).toBeGreaterThan(0.2 * contactFrames);
    }
  });

  it('says when a contact was read from markers that were not seen (hidden, placed by their segment)', () => {
    const clip = generateMarkerClip({ view: 'side', fps: 60, durationS: 3, distractors: false });
    const ic = clip.truth.events.find(
      (e) => e.kind === 'initial-contact' && e.side === 'right' && e.frameF > 40,
    )!;
    const hide = (i: number): MarkerState => (Math.abs(i - ic.frameF) <= 3 ? 'predicted' : 'detected');
    const found = footEvents(
      truthTrack(clip, 'rightHeel', hide),
      truthTrack(clip, 'rightFifthMetatarsal'),
      'right',
    );
    const at = found.events.find((e) => e.kind === 'initial-contact' && Math.abs(e.frameF - ic.frameF) <= 1)!;
    expect(at.seen).toBe(false);
    const others = found.events.filter((e) => e !== at && e.kind === 'initial-contact');
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((e) => e.seen)).toBe(true);
  });

  it('without a 5th MT marker: contacts from the heel, no toe-off', () => {
    const clip = generateMarkerClip({ view: 'side', fps: 60, durationS: 3, distractors: false });
    const found = footEvents(truthTrack(clip, 'rightHeel'), undefined, 'right');
    expect(found.events.length).toBeGreaterThan(2);
    expect(found.events.every((e) => e.kind === 'initial-contact' && e.by === 'heel')).toBe(true);
    expect(found.forefoot).toBeNull();
  });

  it('finds nothing on markers that do not move', () => {
    const still = (name: MarkerName, x: number): MarkerTrack => ({
      name,
      points: Array.from({ length: 60 }, () => ({
        x: pixels(x),
        y: pixels(300),
        confidence: 1,
        state: 'detected' as const,
      })),
    });
    expect(footEvents(still('rightHeel', 10), still('rightFifthMetatarsal', 50), 'right').events).toEqual([]);
  });
});
