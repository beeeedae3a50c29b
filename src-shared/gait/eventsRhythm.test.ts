/**
 * The stride rhythm (eventsRhythm.ts) and the template's confirmation of contacts it puts in
 * (eventsTemplate.ts), on generated data with known answers.
 */
import { describe, expect, it } from 'vitest';
import { clean } from './clean';
import { byRhythm } from './eventsRhythm';
import { refineByTemplate } from './eventsTemplate';
import { orient } from './orient';
import { legLength } from './orientSwaps';
import { generateRunner } from './synthetic';

const regular = (n: number, stride = 20, contact = 7, from = 10): { icF: number; toF: number }[] =>
  Array.from({ length: n }, (_, k) => ({ icF: from + k * stride, toF: from + k * stride + contact }));

describe('stride rhythm', () => {
  it('keeps a regular series as it is', () => {
    const s = regular(8);
    expect(byRhythm(s)).toEqual(s.map((x) => ({ ...x, inferred: false })));
  });

  it('drops the one of two contacts closer than 0.6 stride whose contact time does not fit', () => {
    const s = regular(8);
    const spurious = { icF: 79, toF: 81 }; // 9 frames after a contact, 2 frames long
    const out = byRhythm([...s.slice(0, 4), spurious, ...s.slice(4)].sort((a, b) => a.icF - b.icF));
    expect(out.map((x) => x.icF)).toEqual(s.map((x) => x.icF));
  });

  it('of two contacts closer than 0.6 stride, drops the weak one (lift-off read at the leave level) first', () => {
    const s = regular(8);
    // The weak candidate's contact time fits the median better than its neighbour's (7 frames
    // against 9), yet it is the one with less evidence: it goes.
    const weak = { icF: 78, toF: 85, weak: true };
    const withLong = s.map((x, k) => (k === 4 ? { icF: x.icF, toF: x.icF + 9 } : x));
    const out = byRhythm([...withLong.slice(0, 4), weak, ...withLong.slice(4)].sort((a, b) => a.icF - b.icF));
    expect(out.map((x) => x.icF)).toEqual(s.map((x) => x.icF));
    // Alone (no rival within 0.6 stride), a weak stance is kept.
    const alone = byRhythm([
      ...s.slice(0, 4),
      { ...(s[4] as { icF: number; toF: number }), weak: true },
      ...s.slice(5),
    ]);
    expect(alone.map((x) => x.icF)).toEqual(s.map((x) => x.icF));
    expect(alone[4]?.weak).toBe(true);
  });

  it('puts a contact where a gap of two strides says one was missed, marked as inferred', () => {
    const s = regular(8);
    const out = byRhythm([...s.slice(0, 3), ...s.slice(4)]);
    expect(out.map((x) => x.icF)).toEqual(s.map((x) => x.icF));
    expect(out.filter((x) => x.inferred).map((x) => [x.icF, x.toF])).toEqual([[70, 77]]);
  });

  it('leaves a gap that is no whole number of strides alone', () => {
    const s = regular(8);
    const shifted = [...s.slice(0, 4), ...s.slice(4).map((x) => ({ icF: x.icF + 10, toF: x.toF + 10 }))];
    expect(byRhythm(shifted).some((x) => x.inferred)).toBe(false);
  });
});

describe('contacts the rhythm puts in, confirmed by the template', () => {
  const fps = 60;
  const clip = generateRunner({ view: 'side', fps, durationS: 6, noisePx: 1, seed: 3 });
  const o = orient(clip.series, 'side');
  const c = clean(o.body, o.timeline.t, fps, 'auto');
  const leg = legLength(c.body);
  const truth = (kind: string): number[] =>
    clip.truth.events.filter((e) => e.kind === kind && e.side === 'left').map((e) => e.t * fps);
  const ics = truth('initial-contact');
  const tos = truth('toe-off');
  const stances = ics
    .map((icF) => ({ icF, toF: tos.find((t) => t > icF) ?? NaN }))
    .filter((s) => Number.isFinite(s.toF) && s.icF > 5 && s.toF < 6 * fps - 5);

  it('finds a contact the thresholds missed, within a frame of the truth', () => {
    const missing = 3;
    const out = refineByTemplate(
      byRhythm(stances.filter((_, k) => k !== missing)),
      c.unfiltered.left,
      leg,
      fps,
    );
    const found = out.find((s) => s.inferred);
    expect(found).toBeDefined();
    expect(Math.abs((found?.icF as number) - (stances[missing]?.icF as number))).toBeLessThan(1);
    expect(Math.abs((found?.toF as number) - (stances[missing]?.toF as number))).toBeLessThan(1);
  });

  it('does not keep it where the foot is not on the belt (hidden, or lifted)', () => {
    const missing = 3;
    const st = stances[missing] as { icF: number; toF: number };
    // The foot held a fifth of a leg above the belt through that stance: no contact there.
    const lifted = {
      ...c.unfiltered.left,
      heel: { ...c.unfiltered.left.heel, y: Float64Array.from(c.unfiltered.left.heel.y) },
      toe: { ...c.unfiltered.left.toe, y: Float64Array.from(c.unfiltered.left.toe.y) },
      ankle: { ...c.unfiltered.left.ankle, y: Float64Array.from(c.unfiltered.left.ankle.y) },
    };
    for (let i = Math.floor(st.icF) - 12; i <= Math.ceil(st.toF) + 12; i++)
      for (const j of ['heel', 'toe', 'ankle'] as const)
        lifted[j].y[i] = (lifted[j].y[i] as number) + 0.2 * leg;
    const out = refineByTemplate(byRhythm(stances.filter((_, k) => k !== missing)), lifted, leg, fps);
    expect(out.some((s) => s.inferred)).toBe(false);
    expect(out.length).toBe(stances.length - 1);
  });
});
