import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src-shared/contract';
import type { ClipAnalysisStatus, EarlyNumbers } from '../../src-shared/contract/analysis';
import type { ReportBundle } from '../../src-shared/report/model';
import { createServices } from '../../src-main/services';
import { readWindowResult, windowResultFile } from '../../src-main/services/analysis/window-result';
import { importRecording } from '../../src-main/services/media/import';
import { poseRecording } from '../../src-main/services/pose/recording';
import { loopedClip } from '../helpers/long-clip';
import { SHARED_MEDIA } from '../helpers/media';
import { requireEngineBuild } from '../pose/helpers';

/**
 * The provisional report through the real queue, pose engine and gait path (issue 16 item 3): the
 * real treadmill clip played three times (36 s), lite model. When the window's numbers go out, its
 * frames are stored beside the clip and `report:get` prints the clip from them, labelled
 * provisional, with the window's cadence exactly; once the whole clip lands the window file is gone
 * and the report is final. A re-run cancelled after its window's numbers leaves no window file.
 */
const home = mkdtempSync(join(tmpdir(), 'stridelab-window-report-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

type Services = ReturnType<typeof createServices>;
type Report = ReportBundle & { provisionalClips?: readonly string[] };

async function call<T>(s: Services, channel: string, input: unknown): Promise<T> {
  const r = await s.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}

/** The next status of the clip that passes `test` (rejects on a failure). */
function next(
  s: Services,
  id: string,
  test: (c: ClipAnalysisStatus) => boolean,
): Promise<ClipAnalysisStatus> {
  return new Promise((resolve, reject) =>
    s.onEvent((m: EventMessage) => {
      const c = m.payload as ClipAnalysisStatus;
      if (m.event !== 'analysis:changed' || c.recordingId !== id) return;
      if (c.state === 'failed') reject(new Error(c.error ?? 'failed'));
      if (test(c)) resolve(c);
    }),
  );
}

const windowFiles = (dir: string): string[] => readdirSync(dir).filter((n) => n.includes('.slwin'));

describe('the report of a clip being analysed', () => {
  it('comes from the steady window, provisional, then final once the whole clip lands', async () => {
    requireEngineBuild();
    const clip = loopedClip(join(SHARED_MEDIA, 'treadmill_side_zzzhushi_male_side.mp4'), 3, home);
    const services = createServices({
      home: join(home, 'library'),
      transport: 'cli',
      analyseOnArrival: false,
      analysisConcurrency: 1,
    });
    try {
      const p = await call<{ id: string }>(services, 'patients:create', {
        name: 'Window Report',
        heightCm: 178,
      });
      const s = await call<{ id: string }>(services, 'sessions:create', {
        patientId: p.id,
        date: '2026-12-07',
        injurySide: 'none',
        treadmillSpeedsKmh: [11],
        treadmillInclinesPct: [],
      });
      // The fixture's import at the app's own priority (the review proxy runs at the lowest,
      // process/priority.ts, and starves for minutes on a loaded machine); the analysis under test
      // runs at its usual priority.
      const priority = process.env.STRIDELAB_BACKGROUND_PRIORITY;
      process.env.STRIDELAB_BACKGROUND_PRIORITY = '0';
      const rec = await importRecording(services.library, {
        sessionId: s.id,
        sourcePath: clip,
        originalName: 'flat.mp4',
        view: 'side',
        condition: { label: 'Flat' },
      }).finally(() => {
        if (priority === undefined) delete process.env.STRIDELAB_BACKGROUND_PRIORITY;
        else process.env.STRIDELAB_BACKGROUND_PRIORITY = priority;
      });
      const dir = (await poseRecording(services.library, rec.id)).dir;
      // At the moment the numbers go out: their frames are stored, and the report is asked for.
      let atEarly: { early: EarlyNumbers; stored: EarlyNumbers | null; report: Promise<Report> } | undefined;
      services.onEvent((m: EventMessage) => {
        const c = m.payload as ClipAnalysisStatus;
        if (m.event !== 'analysis:changed' || c.recordingId !== rec.id || !c.early || atEarly) return;
        atEarly = {
          early: c.early,
          stored: readWindowResult(dir, 'lite')?.early ?? null,
          report: call<Report>(services, 'report:get', { sessionId: s.id }),
        };
        expect(c.state).toBe('pose');
      });
      const done = next(services, rec.id, (c) => c.state === 'done');
      await call(services, 'analysis:start', { recordingId: rec.id, model: 'lite' });
      await done;
      expect(atEarly, 'no window numbers came').toBeDefined();
      const { early } = atEarly!;
      expect(atEarly!.stored).toEqual(early);
      const provisional = await atEarly!.report;
      expect(provisional.provisionalClips).toEqual([rec.id]);
      const section = provisional.model.conditions[0]!;
      expect(section.clips[0]!.provisional).toEqual({
        fromS: early.fromS,
        toS: early.toS,
        strides: early.strides,
      });
      expect(provisional.model.provisional![0]).toMatch(
        new RegExp(
          `^Flat, provisional: from 0:1\\d–0:[23]\\d of steady running \\(${early.strides.left} strides left, ${early.strides.right} right\\); the whole clip is still being analysed\\.$`,
        ),
      );
      // Known answer: the provisional report's cadence is the window analysis's.
      expect(section.spatiotemporal.find((r) => r.key === 'cadence')!.all!.mean).toBe(early.cadence);
      console.log('window', early, 'steps in the provisional section', section.steps);

      // The whole clip: the window file is gone and the report is final.
      expect(windowFiles(dir)).toEqual([]);
      const final = await call<Report>(services, 'report:get', { sessionId: s.id });
      expect(final.provisionalClips).toEqual([]);
      expect(final.model.provisional).toBeUndefined();
      expect(final.model.conditions[0]!.clips[0]!.provisional).toBeUndefined();
      expect(final.model.conditions[0]!.steps.left).toBeGreaterThan(section.steps.left);

      // A re-run cancelled once its window's numbers are out: nothing of the window is left.
      const rerunEarly = next(services, rec.id, (c) => c.state === 'pose' && Boolean(c.early));
      await call(services, 'analysis:start', { recordingId: rec.id, model: 'lite', force: true });
      await rerunEarly;
      expect(existsSync(windowResultFile(dir, 'lite'))).toBe(true);
      const cancelled = next(services, rec.id, (c) => c.state === 'cancelled');
      await call(services, 'analysis:cancel', { recordingId: rec.id });
      await cancelled;
      expect(windowFiles(dir)).toEqual([]);
    } finally {
      await services.close();
      await services.idle();
    }
  }, 1_800_000);
});
