import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import { reportExportsDir } from '../../src-main/services/report/handlers';
import type { ReportBundle } from '../../src-shared/report/model';
import { openTestServices, secondRun, type TestServices } from '../helpers/test-services';
import { importRecording } from '../../src-main/services/media/import';
import { poseRecording } from '../../src-main/services/pose/recording';
import { writePoseStore } from '../../src-main/services/pose/store';
import { candidatesOf, SAMPLE, sampleSeries, sessionWithSample } from './library-fixture';
import { pdfPages, pdfText } from './pdf-read';

/**
 * The report calls on a real library (imported clip, stored pose results) on the run's backend
 * (test/helpers/test-services.ts), through the same dispatcher every transport uses; the PDF
 * printed by real headless Chromium.
 */
let t: TestServices;
let services: Services;
let sessionId: string;

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-report-' });
  services = t.services;
  ({ sessionId } = await sessionWithSample(services));
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const call = async (channel: string, input: unknown) => services.dispatch(channel, input);

describe('report calls', () => {
  it('report:get builds the model and its pictures from the library', async () => {
    const r = await call('report:get', { sessionId });
    expect(r.ok).toBe(true);
    const bundle = (r as { result: ReportBundle }).result;
    expect(bundle.model.patient).toMatchObject({
      name: 'Erin Hamstring',
      clinicId: 'PT-0042',
      heightCm: 178,
    });
    expect(bundle.model.session).toMatchObject({
      date: '2026-11-20',
      complaint: 'right proximal hamstring pain',
    });
    const c = bundle.model.conditions[0]!;
    expect(c).toMatchObject({ label: 'Flat', speedKmh: 11, inclinePct: 0 });
    expect(c.clips[0]).toMatchObject({ view: 'side', file: 'treadmill-side.mp4', model: 'full' });
    // Height known: lengths in cm.
    expect(c.variables.find((v) => v.key === 'overstride-ic')?.unit).toBe('cm');
    expect(c.keyFrames).toHaveLength(6);
    for (const k of c.keyFrames) expect(bundle.images[k.imageId]).toMatch(/^data:image\/jpeg;base64,\/9j\//);
  }, 120_000);

  it("saves the PT's words, shows them, prints them, and goes back to the suggestions", async () => {
    const before = (await call('report:get', { sessionId })) as { ok: true; result: ReportBundle };
    const suggested = before.result.model.findings;
    const edits = {
      findings: [
        {
          id: 'pt-1',
          text: 'Right pelvis drops late in the run; hamstring on the right works hardest.',
          evidence: [],
        },
      ],
      plan: [{ id: 'pt-2', title: 'Nordic hamstring curl', detail: '3 × 6 slow lowerings, twice a week' }],
      notes: 'Retest in six weeks, same shoes.',
    };
    // Review reads the saved words too (its "What to work on first"): none yet, then these.
    expect(await call('report:edits', { sessionId })).toEqual({ ok: true, result: null });
    expect(await call('report:saveEdits', { sessionId, edits })).toMatchObject({ ok: true });
    expect(await call('report:edits', { sessionId })).toEqual({ ok: true, result: edits });
    const after = (await call('report:get', { sessionId })) as { ok: true; result: ReportBundle };
    expect(after.result.model.findings).toEqual(edits.findings);
    expect(after.result.model.edited).toBe(true);

    // The print: Chromium reading the same model, no rows of its own; the first run's check is enough.
    if (!secondRun) {
      const pdf = await call('report:exportPdf', { sessionId });
      expect(pdf).toMatchObject({
        ok: true,
        result: { fileName: 'Erin-Hamstring-2026-11-20-gait-report.pdf' },
      });
      const { fileName, pages } = (pdf as { result: { fileName: string; pages: number } }).result;
      const file = join(reportExportsDir(services.library), fileName);
      expect(pdfPages(file)).toHaveLength(pages);
      const text = pdfText(file, false).replace(/\s+/g, ' ');
      expect(text).toContain('Right pelvis drops late in the run');
      expect(text).toContain('Nordic hamstring curl');
      expect(text).toContain('Retest in six weeks, same shoes.');
      expect(text).not.toContain('suggestions not yet reviewed');
      // No partial file left beside it.
      expect(readdirSync(reportExportsDir(services.library)).filter((f) => f.includes('partial'))).toEqual(
        [],
      );
    }

    // The data behind it: analysis.json and the CSVs, with the same numbers as the PDF's model.
    const data = (await call('report:exportData', { sessionId })) as {
      ok: true;
      result: { files: { fileName: string; downloadUrl: string }[] };
    };
    expect(data.result.files.map((f) => f.fileName)).toEqual([
      'Erin-Hamstring-2026-11-20-gait-analysis.json',
      'Erin-Hamstring-2026-11-20-gait-steps.csv',
      'Erin-Hamstring-2026-11-20-gait-summary.csv',
    ]);
    const json = JSON.parse(
      readFileSync(join(reportExportsDir(services.library), data.result.files[0]!.fileName), 'utf8'),
    ) as { schema: string; report: ReportBundle['model'] };
    expect(json.schema).toBe('stridelab.analysis/1');
    expect(json.report.conditions).toEqual(after.result.model.conditions);
    expect(json.report.findings).toEqual(edits.findings);

    expect(await call('report:resetEdits', { sessionId })).toMatchObject({
      ok: true,
      result: { reset: true },
    });
    expect(await call('report:edits', { sessionId })).toEqual({ ok: true, result: null });
    const reset = (await call('report:get', { sessionId })) as { ok: true; result: ReportBundle };
    expect(reset.result.model.findings).toEqual(suggested);
    expect(reset.result.model.edited).toBe(false);
  }, 180_000);

  // A second clip's import and pose maths; its rows are the first clip's kind: once is enough.
  it.skipIf(secondRun)(
    'puts flat and incline side by side when the session has both',
    async () => {
      const rec = await importRecording(services.library, {
        sessionId,
        sourcePath: SAMPLE,
        view: 'side',
        condition: { label: 'Incline', inclinePct: 6, speedKmh: 10 },
        allowDuplicate: true,
      });
      writePoseStore((await poseRecording(services.library, rec.id)).dir, candidatesOf(sampleSeries()));
      const r = (await call('report:get', { sessionId })) as { ok: true; result: ReportBundle };
      const m = r.result.model;
      expect(m.conditions.map((c) => [c.label, c.inclinePct, c.speedKmh])).toEqual([
        ['Flat', 0, 11],
        ['Incline', 6, 10],
      ]);
      const cadence = m.comparison.find((row) => row.key === 'cadence')!;
      expect(Object.keys(cadence.values)).toEqual(m.conditions.map((c) => c.id));
      // Both conditions hold the same clip here: the same numbers on both sides of the comparison.
      const [a, b] = m.conditions.map((c) => cadence.values[c.id]!.all!.mean);
      expect(a).toBe(b);
      expect(m.findings.every((f) => /^(Flat|Incline): /.test(f.text))).toBe(true);
      expect(Object.keys(r.result.images)).toHaveLength(12);
    },
    120_000,
  );

  // A third import of the sample and its pose maths; the settings are read, not stored: once is enough.
  it.skipIf(secondRun)(
    'prints the speed typed on the session form beside the condition’s incline',
    async () => {
      // "10 12" beside "0 5" on the session form, a clip filed under "incline" with no settings of its
      // own: the PDF printed speed "—" (src-shared/library/conditions.ts, rule 4).
      const patient = (await call('patients:create', { name: 'Two Speeds' })) as { result: { id: string } };
      const made = (await call('sessions:create', {
        patientId: patient.result.id,
        date: '2026-11-21',
        treadmillSpeedsKmh: [10, 12],
        treadmillInclinesPct: [0, 5],
      })) as { result: { id: string } };
      const rec = await importRecording(services.library, {
        sessionId: made.result.id,
        sourcePath: SAMPLE,
        view: 'side',
        condition: { label: 'incline' },
      });
      writePoseStore((await poseRecording(services.library, rec.id)).dir, candidatesOf(sampleSeries()));
      const r = (await call('report:get', { sessionId: made.result.id })) as {
        ok: true;
        result: ReportBundle;
      };
      expect(r.result.model.conditions.map((c) => [c.label, c.speedKmh, c.inclinePct])).toEqual([
        ['incline', 12, 5],
      ]);
    },
    120_000,
  );

  // Video encoding, no rows beyond the first run's: once is enough.
  it.skipIf(secondRun)(
    'exports the clip with the skeleton burnt in, for the patient',
    async () => {
      const r = (await call('report:exportVideo', { sessionId })) as {
        ok: true;
        result: { files: { fileName: string; sizeBytes: number; downloadUrl: string }[] };
      };
      expect(r.ok).toBe(true);
      const names = r.result.files.map((f) => f.fileName);
      expect(names).toContain('Erin-Hamstring-2026-11-20-gait-annotated-Flat-side.mp4');
      for (const f of r.result.files) {
        const bytes = readFileSync(join(reportExportsDir(services.library), f.fileName));
        expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
        expect(bytes.length).toBe(f.sizeBytes);
        expect(f.downloadUrl).toBe(`/api/exports/${f.fileName}`);
      }
    },
    300_000,
  );

  it('refuses bad words and unknown sessions naming the field, and changes nothing', async () => {
    const digest = await t.digest();
    const empty = await call('report:saveEdits', {
      sessionId,
      edits: { findings: [{ id: 'a', text: '   ', evidence: [] }], plan: [], notes: '' },
    });
    expect(empty).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'edits.findings.0.text' },
    });
    const unknown = await call('report:saveEdits', {
      sessionId: 'nope',
      edits: { findings: [], plan: [], notes: '' },
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((unknown as { error: { message: string } }).error.message).toContain('No session with id nope');
    const noClips = await call('report:get', { sessionId: 'nope' });
    expect(noClips).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await t.digest()).toBe(digest);
  });

  it('says what is missing when a session has no analysed clip', async () => {
    const p = (await call('patients:create', { name: 'No Clips Yet' })) as { result: { id: string } };
    const s = (await call('sessions:create', { patientId: p.result.id, date: '2026-11-20' })) as {
      result: { id: string };
    };
    const r = await call('report:get', { sessionId: s.result.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((r as { error: { message: string } }).error.message).toContain('no clips yet');
    const pdf = await call('report:exportPdf', { sessionId: s.result.id });
    expect(pdf).toMatchObject({ ok: false });
    expect(
      existsSync(join(reportExportsDir(services.library), 'No-Clips-Yet-2026-11-20-gait-report.pdf')),
    ).toBe(false);
  });
});
