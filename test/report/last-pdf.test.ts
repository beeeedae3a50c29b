/**
 * The session's last exported PDF, found again after a reload or a restart (`report:lastPdf`): main
 * derives its name from the session (the export's rule on the patient's name and the session's
 * date) and reads the file in the exports folder; the call takes the session only, so no name or
 * path from the renderer reaches the file system. Before, the page knew the PDF only from the
 * export's answer, and after a reload the PT could not find it. Real SQLite (and PostgreSQL in the
 * second run), a real print of the sample clip's report.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportExportsDir } from '../../src-main/services/report/handlers';
import type { PdfExport } from '../../src-shared/contract/report';
import { openTestServices, secondRun, type TestServices } from '../helpers/test-services';
import { sessionWithSample } from './library-fixture';
import { pdfPages } from './pdf-read';

let t: TestServices;
let sessionId: string;

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-last-pdf-' });
  ({ sessionId } = await sessionWithSample(t.services, { patient: 'Lee Reload' }));
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
});
