import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PdfExport, reportCalls } from '../../../src-shared/contract/report';
import { analysisJson, stepsCsv, summaryCsv } from '../../../src-shared/report/exports';
import { rendererDir } from '../../paths';
import type { Library } from '../library/db';
import { exportsDir } from '../media/archive';
import type { HandlersFor } from '../types';
import { editsStamp, loadEdits, resetEdits, saveEdits, saveEditsChecked } from './edits-store';
import { editorOf } from '../library/server-mode';
import { chromiumPrinter } from './pdf-chromium';
import type { ReportPrinter } from './printer';
import { sessionReport } from './session-report';
import { exportAnnotatedVideo } from './video';
import { applyCorrections } from '../../../src-shared/review/corrections';
import { ServiceError } from '../errors';
import { getSession } from '../library/sessions';
import { getRecordingRow, listRecordings, mediaPath } from '../media/recordings-db';
import { listCorrections } from '../review/store';
import { landmarksFromLibrary, recordingForSync } from '../sync/landmarks';
import { countPdfPages } from './templates';
import { sessionExportName } from './export-names';

/**
 * The report's calls. The printer is headless Chromium by default (browser mode, CLI, tests);
 * the Electron shell swaps in webContents.printToPDF with `setReportPrinter` (one line in
 * src-main/electron/main.ts), behind the same interface.
 */
let printer: ReportPrinter | undefined;
export function setReportPrinter(p: ReportPrinter | undefined): void {
  printer = p;
}

/**
 * Shows a file in the system's file manager: Electron's shell.showItemInFolder, installed by the
 * shell (src-main/electron/main.ts). Browser mode has none: the page offers the download and says
 * the folder instead.
 */
let revealer: ((absolutePath: string) => void) | undefined;
export function setExportRevealer(r: ((absolutePath: string) => void) | undefined): void {
  revealer = r;
}
const currentPrinter = (): ReportPrinter => printer ?? chromiumPrinter({ rendererDir: rendererDir() });

/** The library's exports folder, shared with session archives (served at /api/exports/<name>). */
export const reportExportsDir = (library: Library): string => exportsDir(library);

/** Write a file into the exports folder under a temporary name, then rename it into place. */
export async function writeExport(
  library: Library,
  fileName: string,
  data: Uint8Array | string,
): Promise<number> {
  const dir = reportExportsDir(library);
  await mkdir(dir, { recursive: true });
  const partial = join(dir, `.${fileName}.partial`);
  try {
    await writeFile(partial, data);
    await rename(partial, join(dir, fileName));
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
  return typeof data === 'string' ? Buffer.byteLength(data) : data.length;
}

export const downloadUrl = (fileName: string): string => `/api/exports/${encodeURIComponent(fileName)}`;

/**
 * The exported PDF `fileName` as the page shows it, read from the exports folder (its size, pages
 * and time are the file's), or null where it is not there. One reading for the export's answer and
 * for the page after a reload (`report:lastPdf`), so the two cannot say different things. `written`:
 * the bytes just written, so the export does not read its own PDF back to count its pages.
 */
async function pdfExportOf(
  library: Library,
  sessionId: string,
  fileName: string,
  written?: Uint8Array,
): Promise<PdfExport | null> {
  const file = join(reportExportsDir(library), fileName);
  let data: Uint8Array;
  let mtime: Date;
  try {
    [data, { mtime }] = await Promise.all([written ?? readFile(file), stat(file)]);
  } catch {
    return null;
  }
  // Both times are a service's clock (on a clinic server, the saving workstation's): docs/report.md.
  const words = (await library.data.reportEdits.stamp(sessionId))?.updatedAt;
  const writtenAt = mtime.toISOString();
  return {
    fileName,
    sizeBytes: data.length,
    pages: countPdfPages(data),
    writtenAt,
    downloadUrl: downloadUrl(fileName),
    folder: reportExportsDir(library),
    canShowFolder: revealer !== undefined,
    ...(words && Date.parse(words) > Date.parse(writtenAt) ? { wordsChangedAt: words } : {}),
  };
}

export const reportHandlers: HandlersFor<typeof reportCalls> = {
  'report:get': async ({ sessionId }, { library }) => {
    const r = await sessionReport(library, sessionId);
    return { ...r.bundle, links: r.links, provisionalClips: r.provisionalClips };
  },
  'report:saveEdits': async ({ sessionId, edits, basedOn }, ctx) => {
    const { data } = ctx.library;
    const saved =
      basedOn === undefined
        ? { savedAt: await saveEdits(data, sessionId, edits) }
        : await saveEditsChecked(data, sessionId, edits, basedOn, editorOf(ctx.library));
    ctx.emit('library:changed', { kind: 'session', id: sessionId });
    return saved;
  },
  'report:edits': async ({ sessionId }, { library }) => {
    await getSession(library.data, sessionId);
    const saved = await loadEdits(library.data, sessionId);
    if (!saved) return null;
    const { updatedAt: _when, ...edits } = saved;
    return edits;
  },
  'report:editsStamp': ({ sessionId }, { library }) => editsStamp(library.data, sessionId),
  'report:resetEdits': async ({ sessionId }, ctx) => {
    const reset = await resetEdits(ctx.library.data, sessionId);
    ctx.emit('library:changed', { kind: 'session', id: sessionId });
    return { reset };
  },
  'report:exportPdf': async ({ sessionId }, ctx) => {
    ctx.emit('report:progress', { sessionId, phase: 'frames', fraction: 0 });
    const { bundle } = await sessionReport(ctx.library, sessionId);
    ctx.emit('report:progress', { sessionId, phase: 'render', fraction: 0.4 });
    const pdf = await currentPrinter().print(bundle);
    ctx.emit('report:progress', { sessionId, phase: 'write', fraction: 0.9 });
    const fileName = await sessionExportName(ctx.library.data, sessionId);
    await writeExport(ctx.library, fileName, pdf);
    const written = await pdfExportOf(ctx.library, sessionId, fileName, pdf);
    if (!written) throw new ServiceError('internal', 'The PDF was written but cannot be read back.');
    return written;
  },
  'report:lastPdf': async ({ sessionId }, { library }) =>
    // The name is main's own (the export's rule, on the session), never the page's.
    pdfExportOf(library, sessionId, await sessionExportName(library.data, sessionId)),
  'report:showExport': ({ fileName }, { library }) => {
    // Only a plain name of a file in the exports folder: the renderer never names a path.
    const dir = reportExportsDir(library);
    const file = join(dir, fileName);
    if (basename(file) !== fileName || dirname(file) !== dir || !existsSync(file)) {
      throw new ServiceError('not-found', 'This file is no longer in the exports folder.', 'fileName');
    }
    if (!revealer) return { shown: false };
    revealer(file);
    return { shown: true };
  },
  'report:exportData': async ({ sessionId }, { library }) => {
    const { bundle, conditions } = await sessionReport(library, sessionId);
    const { model } = bundle;
    const contents: [string, string][] = [
      ['analysis.json', `${JSON.stringify(analysisJson(model, conditions), null, 1)}\n`],
      ['steps.csv', stepsCsv(conditions)],
      ['summary.csv', summaryCsv(model)],
    ];
    const files = [];
    for (const [what, text] of contents) {
      const fileName = await sessionExportName(library.data, sessionId, what);
      files.push({
        fileName,
        sizeBytes: await writeExport(library, fileName, text),
        downloadUrl: downloadUrl(fileName),
      });
    }
    return { files };
  },
  'report:exportVideo': async ({ sessionId }, ctx) => {
    const { library } = ctx;
    await getSession(library.data, sessionId);
    const recordings = await listRecordings(library.data, sessionId);
    if (recordings.length === 0) {
      throw new ServiceError('not-found', 'This session has no clips to annotate yet.', 'sessionId');
    }
    const files = [];
    for (const [i, r] of recordings.entries()) {
      // The whole clip, with the PT's corrections: what the review shows.
      const series = applyCorrections(
        landmarksFromLibrary(library, await recordingForSync(library.data, r.id, 'recordingId')),
        await listCorrections(library.data, r.id),
      );
      const label = r.condition.label.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '') || 'clip';
      const fileName = await sessionExportName(library.data, sessionId, `annotated-${label}-${r.view}.mp4`);
      const dir = reportExportsDir(library);
      await mkdir(dir, { recursive: true });
      const { sizeBytes } = await exportAnnotatedVideo({
        clipPath: join(library.paths.mediaDir, mediaPath(await getRecordingRow(library.data, r.id), 'proxy')),
        series,
        view: r.view,
        outFile: join(dir, fileName),
        onProgress: (f) =>
          ctx.emit('report:progress', { sessionId, phase: 'video', fraction: (i + f) / recordings.length }),
      });
      files.push({ fileName, sizeBytes, downloadUrl: downloadUrl(fileName) });
    }
    return { files };
  },
};
