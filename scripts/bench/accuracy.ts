/**
 * Gait-event accuracy on real clips labelled by hand (test/fixtures/labels, listed in
 * test/gait/labelled-clips.ts): per clip, IC and TO hit rate within ±1 frame (sure labels), median
 * and SD of the timing error (ms), missed and invented events, cadence error against the labels'
 * cadence, contact-time error, and for each "at initial contact" angle the mean difference (and
 * its SD) between its value at the detected and at the labelled frames, with the step-to-step SD at
 * both; the near leg's analysed tibia and knee flexion against the raw points where those look
 * right; and where joints were placed by hand (the sample clip), the angle error of the raw points
 * and of the analysed series. Definitions: docs/gait-methods.md, "Accuracy on labelled clips" and
 * "Checked against joints placed by hand". `npm run bench -- accuracy`.
 */
import { analyzeGait } from '../../src-shared/gait';
import {
  rawLooksRight,
  rawNearKneeFlexion,
  rawNearTibia,
  scoreClip,
} from '../../src-shared/gait/testing/labels';
import { HAND, handRows } from '../../test/gait/hand-joints';
import { loadLabelledClips } from '../../test/gait/labelled-clips';
import { eventErrorTable } from './accuracy-events';
import type { BenchLine } from './types';

export async function benchAccuracy(): Promise<BenchLine[]> {
  const out: BenchLine[] = [];
  // Pooled over the landmark sets the detector was tuned on, over those it was not (which include
  // the sample clip through another model), over the other footage alone (other runners,
  // cameras, gaits; all held out): the last says how it does on footage nobody tuned it to; and over
  // the derived variants of the sample clip (mirrored, half scale, 60 fps by interpolation: the same
  // runner and events, so a pool of their own, never counted as other footage).
  const empty = (): {
    icIn: number;
    icN: number;
    toIn: number;
    toN: number;
    missed: number;
    invented: number;
    far: number;
    clips: number;
  } => ({ icIn: 0, icN: 0, toIn: 0, toN: 0, missed: 0, invented: 0, far: 0, clips: 0 });
  const pool = { tuned: empty(), held_out: empty(), other_footage: empty(), derived_variants: empty() };
  for (const clip of loadLabelledClips()) {
    const r = analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: clip.heightCm } });
    // d: near-leg tibia, analysed vs raw; NaN where no near-leg event has right raw points.
    const s = scoreClip(r, clip.labels);
    if (process.env.STRIDELAB_ACCURACY_EVENTS)
      process.stdout.write(
        `  ${clip.id}, detected − labelled frames:\n` +
          eventErrorTable(r, clip.labels, s)
            .map((l) => `    ${l}\n`)
            .join(''),
      );
    // One prefix per landmark set: the app's path (original), the proxy fallback and the other
    // models of the same clip are scored apart.
    const p = `accuracy.${clip.id}${clip.tunedOn ? '.tuned' : '.held_out'}`;
    for (const g of [
      pool[clip.tunedOn ? 'tuned' : 'held_out'],
      ...(clip.footage === 'other' ? [pool.other_footage] : []),
      ...(clip.footage === 'derived' ? [pool.derived_variants] : []),
    ]) {
      g.icIn += s.ic.within1;
      g.icN += s.ic.n;
      g.toIn += s.to.within1;
      g.toN += s.to.n;
      g.missed += s.ic.missed + s.to.missed;
      g.invented += s.invented;
      g.far += s.ic.far + s.to.far;
      g.clips++;
    }
    const add = (name: string, value: number, unit: string): void => {
      out.push({ name: `${p}.${name}`, value, unit });
    };
    for (const [k, q] of [
      ['ic', s.ic],
      ['to', s.to],
    ] as const) {
      add(`${k}_within_1_frame`, 100 * q.hitRate, `% of ${q.n}`);
      add(`${k}_median_error`, q.medianMs, 'ms');
      add(`${k}_error_sd`, q.sdMs, 'ms');
      add(`${k}_error_range_min`, q.minFrames, 'frames');
      add(`${k}_error_range_max`, q.maxFrames, 'frames');
      add(`${k}_missed`, q.missed, 'events');
      add(`${k}_off_by_more_than_3`, q.far, 'events');
    }
    add('invented', s.invented, 'events');
    add('cadence_error', s.cadence.error, 'steps/min');
    add('contact_time_error_mean', s.contactTime.meanErrorMs, 'ms');
    add('contact_time_error_sd', s.contactTime.sdErrorMs, 'ms');
    for (const a of s.anglesAtIc) {
      add(
        `${a.variable}.${a.side}.detected_minus_labelled`,
        a.meanDiff,
        `deg (SD ${a.sdDiff.toFixed(1)}, n ${a.n})`,
      );
      add(
        `${a.variable}.${a.side}.sd_at_detected`,
        a.sdAtDetected,
        `deg (at labels ${a.sdAtLabels.toFixed(1)})`,
      );
    }
    // Near leg: the analysed tibia and knee flexion against the model's raw points at the labelled
    // events where those agree with their neighbours (rawLooksRight).
    for (const [name, id, raw] of [
      ['tibia', 'tibia-inclination', rawNearTibia(clip.series, r)],
      ['knee_flexion', 'knee-flexion', rawNearKneeFlexion(clip.series, r)],
    ] as const) {
      const series = r.angles.find((a) => a.id === id && a.side === r.orientation.nearSide)?.values;
      const d = clip.labels.events
        .filter((e) => e.side === r.orientation.nearSide && rawLooksRight(raw, e.frame))
        .map((e) => Math.abs((series?.[e.frame] ?? NaN) - (raw[e.frame] as number)))
        .filter(Number.isFinite);
      add(
        `near_${name}_analysed_vs_raw_mean_abs`,
        d.reduce((a, b) => a + b, 0) / d.length,
        `deg (n ${d.length})`,
      );
      add(`near_${name}_analysed_vs_raw_within_2deg`, (100 * d.filter((x) => x <= 2).length) / d.length, '%');
    }
    // Joints placed by hand (test/fixtures/hand-joints), on the sample clip's own frames only (not
    // its derived variants): per angle and event, mean |hand − raw|, mean |hand − analysed| and
    // the placements' spread (RMS of half their difference).
    if (clip.footage === 'sample' && clip.labels.video === HAND.video) {
      const rows = handRows(clip.series, r);
      const m = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
      for (const angle of ['tibia-inclination', 'knee-flexion'] as const)
        for (const [ev, k] of [
          ['initial-contact', 'ic'],
          ['midstance', 'ms'],
          ['toe-off', 'to'],
        ] as const) {
          const q = rows.filter((x) => x.angle === angle && x.event === ev);
          if (q.length === 0) continue;
          const n = `n ${q.length}`;
          add(`hand.${angle}.${k}.raw_mean_abs`, m(q.map((x) => Math.abs(x.raw - x.hand))), `deg (${n})`);
          add(
            `hand.${angle}.${k}.analysed_mean_abs`,
            m(q.map((x) => Math.abs(x.analysed - x.hand))),
            `deg (${n})`,
          );
          add(`hand.${angle}.${k}.placement_spread`, Math.sqrt(m(q.map((x) => x.spread ** 2))), `deg (${n})`);
        }
    }
  }
  for (const [k, g] of Object.entries(pool)) {
    const p = `accuracy.pooled.${k}`;
    const sets = `${g.clips} landmark sets`;
    out.push({
      name: `${p}.ic_within_1_frame`,
      value: (100 * g.icIn) / g.icN,
      unit: `% of ${g.icN} (${sets})`,
    });
    out.push({
      name: `${p}.to_within_1_frame`,
      value: (100 * g.toIn) / g.toN,
      unit: `% of ${g.toN} (${sets})`,
    });
    out.push({ name: `${p}.missed`, value: g.missed, unit: 'events' });
    out.push({ name: `${p}.invented`, value: g.invented, unit: 'events' });
    out.push({ name: `${p}.off_by_more_than_3`, value: g.far, unit: 'events' });
  }
  return out;
}
