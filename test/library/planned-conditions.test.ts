import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureTake } from '../../src-shared/contract/capture';
import type { Recording } from '../../src-shared/contract/recordings';
import { exportsDir, importSessionArchive } from '../../src-main/services/media/archive';
import { importRecording } from '../../src-main/services/media/import';
import { liveWebm, MEDIA, pieces } from '../capture/helpers';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { tempDir } from '../helpers/tmp';
import { syntheticClip } from '../media/helpers';

/**
 * The conditions a PT plans before filming (docs/library-layout.md, "Conditions"), through the
 * contract as a transport calls it, on the run's backend: stored the moment they are typed,
 * there after a restart (on a server: what another workstation opens), refused in words with
 * nothing changed, and taken by the clips imported or captured into them.
 */
let t: TestServices;
let clips: { path: string; cleanup(): void };
let sessionId = '';

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await t.services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}
async function refused(channel: string, input: unknown): Promise<string> {
  const r = await t.services.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} was accepted`);
  return r.error.message;
}
const importInto = async (label: string, inclinePct?: number): Promise<Recording> =>
  importRecording(t.services.library, {
    sessionId,
    sourcePath: syntheticClip(join(clips.path, `${label}-${inclinePct ?? 'none'}.mp4`), {
      frames: 10 + (inclinePct ?? 0),
    }),
    view: 'side',
    condition: { label, ...(inclinePct === undefined ? {} : { inclinePct }) },
  });
const inclines = async (label: string): Promise<(number | undefined)[]> =>
  (await call<Recording[]>('recordings:list', { sessionId }))
    .filter((r) => r.condition.label === label)
    .map((r) => r.condition.inclinePct);

beforeAll(async () => {
  clips = tempDir('stridelab-planned-');
  t = await openTestServices({ prefix: 'stridelab-planned-', transport: 'cli' });
  const patient = await call<{ id: string }>('patients:create', { name: 'Plan Runner' });
  sessionId = (await call<{ id: string }>('sessions:create', { patientId: patient.id, date: '2026-12-07' }))
    .id;
});
afterAll(async () => {
  await t?.close();
  clips?.cleanup();
});

describe('planned conditions', () => {
  it('are stored when typed and are there after a restart', async () => {
    expect(await call('conditions:list', { sessionId })).toEqual([]);
    expect(await call('conditions:save', { sessionId, label: 'flat', speedKmh: 10 })).toEqual({
      label: 'flat',
      speedKmh: 10,
    });
    await call('conditions:save', { sessionId, label: ' incline ', speedKmh: 10, inclinePct: 5 });
    await call('conditions:save', { sessionId, label: 'race shoes' });
    await t.reopen();
    expect(await call('conditions:list', { sessionId })).toEqual([
      { label: 'flat', speedKmh: 10 },
      { label: 'incline', speedKmh: 10, inclinePct: 5 },
      { label: 'race shoes' },
    ]);
  });

  it('refuses bad input in words and changes nothing', async () => {
    const before = await t.digest();
    expect(await refused('conditions:save', { sessionId, label: 'incline', inclinePct: 45 })).toBe(
      'inclinePct: must be at most 40 %',
    );
    expect(await refused('conditions:save', { sessionId, label: 'incline', speedKmh: 0 })).toBe(
      'speedKmh: must be at least 0.5 km/h',
    );
    expect(await refused('conditions:save', { sessionId, label: '   ' })).toBe('label: is required');
    expect(await refused('conditions:save', { sessionId: 'nope', label: 'flat' })).toBe(
      'id: No session with id nope.',
    );
    expect(await t.digest()).toBe(before);
  });

  it('gives an imported or captured clip the planned settings, its own first', async () => {
    expect((await importInto('incline')).condition).toEqual({
      label: 'incline',
      speedKmh: 10,
      inclinePct: 5,
    });
    // A clip with its own incline (the CLI's --incline) keeps it.
    expect((await importInto('incline', 3)).condition.inclinePct).toBe(3);
    // A take filed on the capture page under the typed label, through the capture calls.
    const take = await call<CaptureTake>('capture:begin', {
      sessionId,
      condition: { label: 'incline' },
      cameras: [{ view: 'rear', width: 320, height: 240, fps: 30, mimeType: 'video/webm;codecs=vp8' }],
      startedAt: '2026-12-07T10:00:00Z',
    });
    const parts = pieces(liveWebm(join(MEDIA, 'treadmill_side_zzzhushi_male_side.mp4'), 1), 2);
    for (const [seq, p] of parts.entries())
      await call('capture:chunk', { takeId: take.id, view: 'rear', seq, data: p.toString('base64') });
    const saved = await call<CaptureTake>('capture:finish', {
      takeId: take.id,
      startedAt: '2026-12-07T10:00:00Z',
      clips: [{ view: 'rear', chunks: 2, startOffsetMs: 0, durationMs: 1000 }],
    });
    const captured = await call<Recording>('recordings:get', { id: saved.clips[0]!.recordingId });
    expect(captured.condition).toEqual({ label: 'incline', speedKmh: 10, inclinePct: 5 });
  });

  it('changes the clips filed under a condition with it, and clears them with it', async () => {
    expect((await inclines('incline')).sort()).toEqual([3, 5, 5]);
    await call('conditions:save', { sessionId, label: 'incline', inclinePct: 6 });
    expect(await inclines('incline')).toEqual([6, 6, 6]);
    // Emptied: left to the label and the session form again, on the condition and its clips.
    expect(await call('conditions:save', { sessionId, label: 'incline', inclinePct: null })).toEqual({
      label: 'incline',
      speedKmh: 10,
    });
    expect(await inclines('incline')).toEqual([undefined, undefined, undefined]);
  });

  it('takes a condition off only while no clip is filed under it', async () => {
    const before = await t.digest();
    expect(await refused('conditions:remove', { sessionId, label: 'incline' })).toBe(
      'label: 3 clips are filed under "incline": move or delete them first. The condition was kept.',
    );
    expect(await t.digest()).toBe(before);
    expect(await call('conditions:remove', { sessionId, label: 'race shoes' })).toEqual({ removed: true });
    expect((await call<{ label: string }[]>('conditions:list', { sessionId })).map((c) => c.label)).toEqual([
      'flat',
      'incline',
    ]);
  });

  it('travel with the session in its archive', async () => {
    const planned = await call('conditions:list', { sessionId });
    const { fileName } = await call<{ fileName: string }>('sessions:export', { id: sessionId });
    const other = await openTestServices({ prefix: 'stridelab-planned-b-', transport: 'cli' });
    try {
      await importSessionArchive(
        other.services.library,
        join(exportsDir(t.services.library), fileName),
        fileName,
      );
      const r = await other.services.dispatch('conditions:list', { sessionId });
      expect(r).toEqual({ ok: true, result: planned });
    } finally {
      await other.close();
    }
  });
});
