import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import type { EventLabelsFile } from '../../src-shared/contract/review';
import type { GaitAnalyzeResult } from '../../src-shared/contract/gait';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { addPatientAndSession, addRecording } from './fixtures/library-rows';
import { readSeries, storeLandmarks, TREADMILL_LANDMARKS } from './fixtures/pose-store';

/**
 * The PT's event corrections through the real dispatcher on a real library: stored beside the
 * detected events, every value recomputed from them (the gait service the report reads), said in the
 * analysis' flags, exported in the hand-label format; bad edits refused in words, changing nothing.
 * The landmarks are real MediaPipe output on the treadmill sample.
 */
let t: TestServices;
let services: Services;
const series = readSeries(TREADMILL_LANDMARKS);

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-event-edits-', transport: 'cli' });
  services = t.services;
  await addPatientAndSession(t.sql);
  await addRecording(t.sql, t.mediaDir, 's1', {
    id: 'side1',
    view: 'side',
    condition: 'flat',
    times: series.frames.map((f) => f.t),
    width: series.source.width,
    height: series.source.height,
  });
  await storeLandmarks(services.library, 'side1', series);
});
afterAll(async () => {
  await t?.close();
});

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}
const analyse = () => ok<GaitAnalyzeResult>('gait:analyze', { recordingId: 'side1' });
const ics = (r: GaitAnalyzeResult, side: 'left' | 'right') =>
  r.analysis.events.filter((e) => e.kind === 'initial-contact' && e.side === side);

describe('event corrections', () => {
  it('moves a contact and deletes one: the analysis follows, says so, and undo gives the detector back', async () => {
    const before = await analyse();
    const [a, b] = ics(before, 'left');
    await ok('review:setEventEdits', {
      recordingId: 'side1',
      edits: [
        { op: 'move', kind: 'initial-contact', side: 'left', from: a!.frame, to: a!.frame + 1 },
        { op: 'delete', kind: 'initial-contact', side: 'left', frame: b!.frame },
      ],
    });
    expect(await ok<unknown[]>('review:eventEdits', { recordingId: 'side1' })).toHaveLength(2);
    const after = await analyse();
    const left = ics(after, 'left');
    expect(left).toHaveLength(ics(before, 'left').length - 1);
    expect(left[0]).toMatchObject({ frame: a!.frame + 1, source: 'corrected' });
    expect(left.some((e) => e.frame === b!.frame)).toBe(false);
    expect(after.analysis.flags.find((f) => f.code === 'events-corrected')?.message).toMatch(
      /2 gait events were corrected/,
    );

    const exported = await ok<{ fileName: string; labels: EventLabelsFile }>('review:exportEvents', {
      recordingId: 'side1',
    });
    expect(
      exported.labels.events.filter((e) => e.kind === 'initial-contact' && e.side === 'left'),
    ).toHaveLength(left.length);
    const onDisk = JSON.parse(
      readFileSync(join(services.library.paths.home, 'exports', exported.fileName), 'utf8'),
    ) as EventLabelsFile;
    expect(onDisk).toEqual(exported.labels);

    await ok('review:setEventEdits', { recordingId: 'side1', edits: [] });
    expect(ics(await analyse(), 'left').map((e) => e.frame)).toEqual(ics(before, 'left').map((e) => e.frame));
  });

  it('refuses an edit past the clip or of another event kind, in words, changing nothing', async () => {
    const digest = await t.digest();
    const past = await services.dispatch('review:setEventEdits', {
      recordingId: 'side1',
      edits: [{ op: 'add', kind: 'initial-contact', side: 'left', frame: 100_000 }],
    });
    expect(past.ok).toBe(false);
    if (!past.ok) expect(past.error.message).toMatch(/frames 0 to 359/);
    const kind = await services.dispatch('review:setEventEdits', {
      recordingId: 'side1',
      edits: [{ op: 'add', kind: 'midstance', side: 'left', frame: 10 }],
    });
    expect(kind.ok).toBe(false);
    if (!kind.ok) expect(kind.error.message).toMatch(/initial-contact or toe-off/);
    expect(await t.digest()).toBe(digest);
  });
});
