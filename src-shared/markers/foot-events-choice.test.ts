import { describe, expect, it } from 'vitest';
import { createPrng } from '../gait/synthetic/prng';
import type { FootEvents, FootMarkerEvent } from './foot-events';
import { chooseFootEvents, eventSourceWords, rhythmSpread, type FrameEventAt } from './foot-events-choice';

/**
 * A steady runner: the right foot lands every 42 frames (30 fps, 171 steps/min) from frame 10 and
 * leaves 15 frames later; the true instants are known, and each source adds its own timing noise.
 */
const STRIDE = 42;
const CONTACT = 15;
const N = 8;
const truth = (k: number, kind: FrameEventAt['kind']): number =>
  10 + k * STRIDE + (kind === 'toe-off' ? CONTACT : 0);

function feet(
  noise: number,
  opts: { levelSd?: number; unseen?: readonly number[]; seed?: number } = {},
): FootEvents {
  const rng = createPrng(opts.seed ?? 3);
  const events: FootMarkerEvent[] = [];
  for (let k = 0; k < N; k++)
    for (const kind of ['initial-contact', 'toe-off'] as const)
      events.push({
        kind,
        side: 'right',
        frameF: truth(k, kind) + noise * rng.gaussian(),
        by: kind === 'toe-off' ? 'forefoot' : 'heel',
        seen: !(kind === 'initial-contact' && opts.unseen?.includes(k)),
        confidence: 0.9,
      });
  const level = { levelPx: 500, stanceSdPx: opts.levelSd ?? 0.3, stances: N };
  return {
    side: 'right',
    events,
    heel: level,
    forefoot: { ...level, pivot: { alongPx: 60, belowPx: 7, footPx: 43, groundedFrames: 80 } },
  };
}

function landmarks(noise: number, seed = 9): FrameEventAt[] {
  const rng = createPrng(seed);
  const out: FrameEventAt[] = [];
  for (const side of ['left', 'right'] as const)
    for (let k = 0; k < N; k++)
      for (const kind of ['initial-contact', 'toe-off'] as const)
        out.push({
          kind,
          side,
          frameF: truth(k, kind) + (side === 'left' ? STRIDE / 2 : 0) + noise * rng.gaussian(),
        });
  return out;
}

describe('chooseFootEvents', () => {
  it('takes the markers on a foot where they are seen, steady and on the rhythm; the other foot keeps the landmarks', () => {
    const c = chooseFootEvents([feet(0.1)], landmarks(1));
    const right = c.sides.find((s) => s.side === 'right')!;
    const left = c.sides.find((s) => s.side === 'left')!;
    expect(right.use).toBe('markers');
    expect(right.fromMarkers).toBe(2 * N);
    expect(right.fallbacks).toBe(0);
    expect(right.rhythm.markers!).toBeLessThan(right.rhythm.landmarks!);
    expect(left.use).toBe('landmarks');
    expect(left.reason).toContain('left heel marker was not tracked');
    expect(c.events.filter((e) => e.side === 'right').every((e) => e.source === 'markers')).toBe(true);
    expect(c.events.filter((e) => e.side === 'left').every((e) => e.source === 'landmarks')).toBe(true);
    expect(eventSourceWords(right)).toBe('heel markers');
    expect(eventSourceWords(left)).toBe('pose landmarks');
  });

  it('keeps the landmark event where the markers were hidden, and says how many', () => {
    const c = chooseFootEvents([feet(0.1, { unseen: [3] })], landmarks(1));
    const right = c.sides.find((s) => s.side === 'right')!;
    expect(right.use).toBe('markers');
    expect(right.fallbacks).toBe(1);
    const ic3 = c.events.filter((e) => e.side === 'right' && e.kind === 'initial-contact')[3]!;
    expect(ic3.source).toBe('landmarks');
    expect(Math.abs(ic3.frameF - truth(3, 'initial-contact'))).toBeLessThan(4);
    // One contact per stance: no marker contact and landmark contact side by side.
    expect(c.events.filter((e) => e.side === 'right' && e.kind === 'initial-contact')).toHaveLength(N);
    expect(eventSourceWords(right)).toBe(
      'heel markers (1 of 16 events from pose landmarks, where the markers were hidden)',
    );
  });

  it('keeps the landmarks where the markers do not sit at one height on the belt', () => {
    const c = chooseFootEvents([feet(0.1, { levelSd: 2.4 })], landmarks(1));
    const right = c.sides.find((s) => s.side === 'right')!;
    expect(right.use).toBe('landmarks');
    expect(right.reason).toContain('2.4 px');
  });

  it('keeps the landmarks where the marker events keep the rhythm worse than they do, beyond a steady runner’s spread', () => {
    const c = chooseFootEvents([feet(3)], landmarks(0.3));
    const right = c.sides.find((s) => s.side === 'right')!;
    expect(right.use).toBe('landmarks');
    expect(right.reason).toContain('running rhythm less well');
  });

  it('takes the markers when both are within a steady runner’s spread, even if the landmarks are a little smoother', () => {
    const c = chooseFootEvents([feet(0.5)], landmarks(0.2));
    const right = c.sides.find((s) => s.side === 'right')!;
    expect(right.rhythm.markers!).toBeLessThan(right.rhythm.floor);
    expect(right.use).toBe('markers');
  });

  it('keeps the landmarks where the markers were seen at too few events', () => {
    const c = chooseFootEvents([feet(0.1, { unseen: [0, 1, 2, 3, 4, 5] })], landmarks(1));
    expect(c.sides.find((s) => s.side === 'right')!.use).toBe('landmarks');
  });
});

describe('rhythmSpread', () => {
  it('reads an event SD of the right size from noisy contacts and toe-offs', () => {
    const rng = createPrng(1);
    const ics = Array.from({ length: 40 }, (_, k) => 10 + k * STRIDE + rng.gaussian());
    const tos = ics.map((_, k) => truth(k, 'toe-off') + rng.gaussian());
    const s = rhythmSpread(ics, tos, STRIDE)!;
    expect(s).toBeGreaterThan(0.7);
    expect(s).toBeLessThan(1.3);
    expect(rhythmSpread([10, 52], [], STRIDE)).toBeNull();
  });
});
