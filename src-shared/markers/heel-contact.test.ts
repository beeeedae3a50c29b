import { describe, expect, it } from 'vitest';
import { pixels } from '../units';
import { generateMarkerClip } from '../gait/synthetic/marker-clip';
import { heelContacts } from './heel-contact';
import type { MarkerTrack } from './types';

describe('heelContacts', () => {
  for (const fps of [60, 120]) {
    it(`finds each rearfoot contact of the synthetic runner within a frame (${fps} fps)`, () => {
      const clip = generateMarkerClip({ view: 'side', fps, durationS: 3, distractors: false });
      for (const side of ['right', 'left'] as const) {
        // The heel marker where it truly is: this tests the rule, not the tracker.
        const heel: MarkerTrack = {
          name: `${side}Heel`,
          points: clip.truth.points[`${side}Heel`]!.map((p) => ({
            x: pixels(p.x),
            y: pixels(p.y),
            confidence: 1,
            state: 'detected' as const,
          })),
        };
        const found = heelContacts(heel, side);
        const truth = clip.truth.events.filter(
          (e) => e.kind === 'initial-contact' && e.side === side && e.frameF > 2,
        );
        expect(found.length).toBe(truth.length);
        for (const t of truth) {
          const near = found.reduce(
            (best, e) => (Math.abs(e.frameF - t.frameF) < Math.abs(best - t.frameF) ? e.frameF : best),
            Infinity,
          );
          expect(Math.abs(near - t.frameF), `${side} contact at ${t.frameF.toFixed(2)}`).toBeLessThan(1);
        }
      }
    });
  }

  it('finds nothing on a marker that does not move', () => {
    const still: MarkerTrack = {
      name: 'rightHeel',
      points: Array.from({ length: 50 }, () => ({
        x: pixels(10),
        y: pixels(300),
        confidence: 1,
        state: 'detected' as const,
      })),
    };
    expect(heelContacts(still, 'right')).toEqual([]);
  });
});
