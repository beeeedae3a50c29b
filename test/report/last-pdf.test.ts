/**
 * The session's last exported PDF, found again after a reload or a restart (`report:lastPdf`): main
 * derives its name from the session (the export's rule on the patient's name and the session's
 * date) and reads the file in the exports folder; the call takes the session only, so no name or
 * path from the renderer reaches the file system. Before, the page knew the PDF only from the
 * export's answer, and after a reload the PT could not find it. Real SQLite (and PostgreSQL in the
 * second run), a real print of the sample clip's report.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportExportsDir } from '../../src-main/services/report/handlers';
import type { PdfExport } from '../../src-shared/contract/report';
import { openTestServices, secondRun, type TestServices } from '../helpers/test-services';
import { sessionWithSample } from './library-fixture';
import { pdfPages } from './pdf-read';

let t: TestServices;
let sessionId: string;
let patientId: string;

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-last-pdf-' });
  ({ sessionId, patientId } = await sessionWithSample(t.services, { patient: 'Lee Reload' }));
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const call = async <T>(channel: string, input: unknown): Promise<T> => {
  const r = await t.services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
};

describe.skipIf(secondRun)('report:lastPdf', () => {
  it('is null before an export, the export after it, again after a restart, null once the file is gone', async () => {
    expect(await call('report:lastPdf', { sessionId })).toBeNull();
    const exported = await call<PdfExport>('report:exportPdf', { sessionId });
    expect(exported.fileName).toBe('Lee-Reload-2026-11-20-gait-report.pdf');
    const file = join(reportExportsDir(t.services.library), exported.fileName);
    expect(exported.pages).toBe(pdfPages(file).length);
    expect(Date.now() - Date.parse(exported.writtenAt)).toBeLessThan(120_000);
    expect(await call('report:lastPdf', { sessionId })).toEqual(exported);

    await t.reopen();
    expect(await call('report:lastPdf', { sessionId })).toEqual(exported);
    // A name or a path beside the session is not read: the input is the session alone.
    expect(await call('report:lastPdf', { sessionId, fileName: '../../library.sqlite' })).toEqual(exported);

    // Another patient's session on the same date has no PDF of its own.
    const other = await sessionWithSample(t.services, { patient: 'Someone Else' });
    expect(await call('report:lastPdf', { sessionId: other.sessionId })).toBeNull();

    rmSync(file);
    expect(await call('report:lastPdf', { sessionId })).toBeNull();
    const gone = await t.services.dispatch('report:lastPdf', { sessionId: 'no-such-session' });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not-found' } });
  }, 240_000);

  it("names a second session on the same date apart, so neither's PDF overwrites or stands for the other's", async () => {
    const first = await call<PdfExport>('report:exportPdf', { sessionId });
    expect(first.fileName).toBe('Lee-Reload-2026-11-20-gait-report.pdf');
    const dir = reportExportsDir(t.services.library);
    const firstBytes = readFileSync(join(dir, first.fileName));

    // The same patient, filmed again that day (before: the same name, and the first PDF overwritten).
    const second = await sessionWithSample(t.services, { patientId });
    expect(await call('report:lastPdf', { sessionId: second.sessionId })).toBeNull();
    const exported = await call<PdfExport>('report:exportPdf', { sessionId: second.sessionId });
    expect(exported.fileName).toBe('Lee-Reload-2026-11-20-session-2-gait-report.pdf');
    expect(readFileSync(join(dir, first.fileName)).equals(firstBytes)).toBe(true);
    expect(await call('report:lastPdf', { sessionId })).toEqual(first);
    expect(await call('report:lastPdf', { sessionId: second.sessionId })).toEqual(exported);
    const data = await call<{ files: { fileName: string }[] }>('report:exportData', {
      sessionId: second.sessionId,
    });
    expect(data.files.map((f) => f.fileName)).toContain('Lee-Reload-2026-11-20-session-2-gait-analysis.json');

    // The first in the trash keeps its place: the second's name and PDF stay its own.
    await call('sessions:delete', { id: sessionId });
    expect(await call('report:lastPdf', { sessionId: second.sessionId })).toEqual(exported);
    await call('trash:restore', { kind: 'session', id: sessionId });
    expect(await call('report:lastPdf', { sessionId })).toEqual(first);
  }, 240_000);

  it("says when the PT's words were saved after the PDF was written, until it is exported again", async () => {
    const exported = await call<PdfExport>('report:exportPdf', { sessionId });
    expect(exported.wordsChangedAt).toBeUndefined();
    const edits = await call<{ findings: unknown[]; plan: unknown[]; notes: string } | null>('report:edits', {
      sessionId,
    });
    const { savedAt } = await call<{ savedAt: string }>('report:saveEdits', {
      sessionId,
      edits: { findings: edits?.findings ?? [], plan: edits?.plan ?? [], notes: 'Run easy for a week.' },
    });
    const after = await call<PdfExport>('report:lastPdf', { sessionId });
    expect(after).toEqual({ ...exported, wordsChangedAt: savedAt });
    expect(Date.parse(savedAt)).toBeGreaterThan(Date.parse(exported.writtenAt));

    const again = await call<PdfExport>('report:exportPdf', { sessionId });
    expect(again.wordsChangedAt).toBeUndefined();
    expect(await call('report:lastPdf', { sessionId })).toEqual(again);
  }, 240_000);
});
