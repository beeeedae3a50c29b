import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import { saveTracks } from '../../src-main/services/markers/store';
import type { GaitAnalyzeResult } from '../../src-shared/contract/gait';
import type { MarkerTrack } from '../../src-shared/markers';
import type { ReportBundle } from '../../src-shared/report/model';
import { trackFrom } from '../../src-shared/review/testing/marker-legs';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { ROOT, sampleSeries, sessionWithSample } from '../report/library-fixture';

/**
 * Marker events through the app's services (issue 15 item 3), on a real library: the treadmill sample
 * really imported with its real landmarks, and heel and 5th MT markers on the near (left) foot stored
 * as the tracker stores them. The markers are designed from the clip's hand labels (the labelled
 * contact is the first frame the marker is on its stance level, the labelled toe-off the last), so
 * they are a foot marker that sees the truth: the analysis must then read its left events at the
 * labelled frames, keep the landmark events on the right (no markers there) and where the left heel
 * marker is hidden, and say so: the analysis's flag, and the report's quality notes.
 */
interface Label {
  readonly kind: 'initial-contact' | 'toe-off';
  readonly side: 'left' | 'right';
  readonly frame: number;
}
const LABELS = (
  JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/labels/treadmill_side_zzzhushi_male_side.events.json'), 'utf8'),
  ) as { events: Label[] }
).events;

/** The left foot's heel and 5th MT markers: on the belt from each labelled contact to its toe-off, a
 *  half sine of 40 px in swing; hidden (lost) on `hidden` frames. The runner faces image-left. */
function footMarkers(n: number, hidden: (i: number) => boolean): MarkerTrack[] {
  const left = LABELS.filter((e) => e.side === 'left').sort((a, b) => a.frame - b.frame);
  const lift = (i: number): number => {
    const before = [...left].reverse().find((e) => e.frame <= i);
    const after = left.find((e) => e.frame > i);
    if (!before || before.kind === 'initial-contact') return 0;
    const next = after?.frame ?? before.frame + 27;
    return 40 * Math.sin((Math.PI * (i - before.frame)) / (next - before.frame));
  };
  const x = (i: number): number => 400 - 3 * (i % 30);
  const at = (dx: number) => (i: number) => (hidden(i) ? null : ([x(i) + dx, 1100 - lift(i)] as const));
  return [trackFrom('leftHeel', n, at(0)), trackFrom('leftFifthMetatarsal', n, at(-45))];
}

let t: TestServices;
let services: Services;
let sessionId: string;
let recordingId: string;

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-hybrid-events-' });
  services = t.services;
  ({ sessionId, recordingId } = await sessionWithSample(services));
}, 600_000);
afterAll(async () => {
  await t?.close();
});

const call = async <T>(channel: string, input: unknown): Promise<T> => {
  const r = await services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
};

describe('marker events in the gait and report services', () => {
  it('reads the near foot’s events from its markers, the far foot’s from the landmarks, and says so', async () => {
    const before = (await call<GaitAnalyzeResult>('gait:analyze', { recordingId })).analysis;
    expect(before.flags.some((f) => f.code === 'events-from-markers')).toBe(false);
    expect(before.events.every((e) => e.source === 'detected')).toBe(true);

    // The left heel hidden around one labelled contact mid-clip.
    const hiddenIc = LABELS.find((e) => e.side === 'left' && e.kind === 'initial-contact' && e.frame > 150)!;
    const n = sampleSeries().frames.length;
    await saveTracks(
      services.library.data,
      recordingId,
      'designed',
      footMarkers(n, (i) => Math.abs(i - hiddenIc.frame) <= 2),
    );
    const a = (await call<GaitAnalyzeResult>('gait:analyze', { recordingId })).analysis;
    const flag = a.flags.find((f) => f.code === 'events-from-markers')!;
    expect(flag.message).toMatch(
      /^Gait events: left: heel markers \(1 of \d+ events from pose landmarks, where the markers were hidden\); right: pose landmarks \(the right heel marker was not tracked/,
    );

    // Left: every labelled event inside the clip read at its frame from the markers, but the hidden one.
    const lefts = a.events.filter(
      (e) => e.side === 'left' && (e.kind === 'initial-contact' || e.kind === 'toe-off'),
    );
    const labelled = LABELS.filter((e) => e.side === 'left' && e.frame > 1 && e.frame < n - 2);
    let exact = 0;
    for (const l of labelled) {
      const e = lefts.find((x) => x.kind === l.kind && Math.abs(x.frame - l.frame) <= 3);
      expect(e, `${l.kind} ${l.frame}`).toBeDefined();
      if (l === hiddenIc) {
        expect(e!.source).toBe('detected');
        continue;
      }
      expect(e!.source, `${l.kind} ${l.frame}`).toBe('markers');
      if (e!.frame === l.frame) exact++;
    }
    expect(exact).toBe(labelled.length - 1);
    // Right: the landmarks' events, as before.
    const rights = (g: typeof a) =>
      g.events.filter((e) => e.side === 'right').map((e) => [e.kind, e.frame, e.source]);
    expect(rights(a)).toEqual(rights(before));

    // The report lists where the events came from.
    const r = await call<ReportBundle>('report:get', { sessionId });
    const notes = r.model.conditions[0]!.quality.map((q) => q.text);
    expect(notes.some((q) => q.startsWith('side view: Gait events: left: heel markers'))).toBe(true);
    console.log(`${flag.message} Left events at the labelled frame: ${exact} of ${labelled.length - 1}.`);
  }, 180_000);
});
