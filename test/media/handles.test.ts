import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recording } from '../../src-shared/contract/recordings';
import { createServices, type Services } from '../../src-main/services';
import { createPatient } from '../../src-main/services/library/patients';
import { createSession } from '../../src-main/services/library/sessions';
import { setFilePicker } from '../../src-main/services/media/sources';
import { clip, tempDir } from './helpers';

/**
 * The Electron dialog route without Electron: main's picker (here a stand-in for
 * dialog.showOpenDialog, which is the only part not under test) returns paths; the renderer only
 * ever sees opaque handles and imports by handle.
 */
let services: Services;
let sessionId: string;
const chosen: string[] = [];

beforeAll(async () => {
  services = createServices({ home: tempDir('handles'), transport: 'electron' });
  const patient = await createPatient(services.library.data, { name: 'Ana', sex: 'female' });
  sessionId = (
    await createSession(services.library.data, {
      patientId: patient.id,
      date: '2026-02-01',
      injurySide: 'none',
      treadmillSpeedsKmh: [],
      treadmillInclinesPct: [],
    })
  ).id;
});
afterAll(() => {
  setFilePicker(undefined);
  services.close();
});

describe('recordings:pick and import by handle', () => {
  it('says clearly that browser mode has no dialog', async () => {
    setFilePicker(undefined);
    expect(await services.dispatch('recordings:pick', {})).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: expect.stringMatching(/no file dialog in browser mode/) },
    });
  });

  it('returns handles (never paths) and imports the chosen file by its handle', async () => {
    const path = clip('running_side_overground_sports2d_demo3.mp4');
    chosen.push(path);
    setFilePicker(async ({ accept }) => (accept === 'video' ? chosen : []));
    const picked = await services.dispatch('recordings:pick', {});
    expect(picked.ok).toBe(true);
    const [handle] = (picked as { result: { handle: string; name: string; sizeBytes: number }[] }).result;
    expect(handle).toMatchObject({ name: 'running_side_overground_sports2d_demo3.mp4', sizeBytes: 74409 });
    expect(JSON.stringify(picked)).not.toContain('/work/');
    const res = await services.dispatch('recordings:import', {
      sessionId,
      source: { kind: 'handle', handle: handle!.handle },
      view: 'side',
      condition: { label: 'flat' },
      jobId: 'job-handle-01',
    });
    expect((res as { result: Recording }).result.probe.frameCount).toBe(47);
    // A made-up handle reaches nothing.
    const bad = await services.dispatch('recordings:import', {
      sessionId,
      source: { kind: 'handle', handle: 'made-up-handle' },
      view: 'side',
      condition: { label: 'flat' },
      jobId: 'job-handle-02',
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/file choice has expired/) },
    });
  });
});
