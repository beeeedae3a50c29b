import { describe, expect, it } from 'vitest';
import { FOOT_CASES, runFootCase, tally } from './foot-events-cases';

/**
 * Marker events on rendered synthetic clips with known truth (issue 15 item 3; docs/markers.md
 * "Marker events"): the markers tracked through blur, noise and distractors at 30 and 60 fps,
 * rearfoot and forefoot strikes, the near heel marker hidden around one contact. The markers' own
 * events within a frame of the design for ≥ 90% of the events they saw; the analysis reads every
 * contact and toe-off from the markers except where the heel was hidden, where it keeps the landmark
 * event; and it says so.
 */
describe('marker events on the synthetic marker clips', () => {
  for (const spec of FOOT_CASES)
    it(spec.id, { timeout: 120_000 }, async () => {
      const r = await runFootCase(spec);
      const visible = r.events.filter((e) => !e.hidden);
      const marker = tally(visible.map((e) => (e.marker?.seen ? e.marker.err : null)));
      const landmark = tally(r.events.map((e) => e.landmark));
      const used = tally(r.events.map((e) => e.used?.err ?? null));
      console.log(
        `${spec.id}: markers ${marker.within1}/${marker.of} within ±1 frame (median ${marker.medianErr.toFixed(2)}), landmarks ${landmark.within1}/${landmark.of} (median ${landmark.medianErr.toFixed(2)}), used ${used.within1}/${used.of}`,
      );
      // The markers saw and placed within a frame ≥ 90% of the events where the heel was visible.
      expect(marker.within1 / marker.of).toBeGreaterThanOrEqual(0.9);
      // Every event of the design is in the analysis, within a frame.
      expect(used.found).toBe(used.of);
      expect(used.within1 / used.of).toBeGreaterThanOrEqual(0.9);
      // Both feet take the markers' events; the hidden contact keeps the landmarks'.
      for (const s of r.hybrid.eventChoice!.sides) expect(s.use, `${s.side}: ${s.reason}`).toBe('markers');
      for (const e of r.events.filter((x) => !x.hidden)) expect(e.used?.source).toBe('markers');
      const hidden = r.events.filter((e) => e.hidden);
      expect(hidden.length).toBe(spec.hideHeel ? 1 : 0);
      for (const e of hidden) {
        expect(e.marker?.seen ?? false).toBe(false);
        expect(e.used!.source).toBe('detected');
        expect(Math.abs(e.used!.err)).toBeLessThanOrEqual(1);
      }
      const flag = r.hybrid.gait!.flags.find((f) => f.code === 'events-from-markers')!;
      expect(flag.message).toBe(
        spec.hideHeel
          ? 'Gait events: left: heel markers; right: heel markers (1 of 11 events from pose landmarks, where the markers were hidden).'
          : 'Gait events: left: heel markers; right: heel markers.',
      );
      // Without the tracks, the same analysis: landmark events only, no word on markers.
      expect(r.landmarks.gait!.events.every((e) => e.source === 'detected')).toBe(true);
      expect(r.landmarks.gait!.flags.some((f) => f.code === 'events-from-markers')).toBe(false);
    });
});
