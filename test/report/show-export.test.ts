import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src-main/services';
import { setExportRevealer } from '../../src-main/services/report/handlers';
import { tempDir } from '../helpers/tmp';

/**
 * "Show in folder" after an export: the renderer names an exported FILE, main finds it in the
 * library's exports folder and hands that path to the shell's revealer (Electron's
 * shell.showItemInFolder, installed by the shell; here a recorder in its place). A path, a climb out
 * of the folder or a file that is not there never reaches the shell.
 */
const tmp = tempDir('stridelab-show-export-');
const services = createServices({ home: tmp.path, transport: 'electron' });
const exportsDir = join(tmp.path, 'exports');
mkdirSync(exportsDir, { recursive: true });
writeFileSync(join(exportsDir, 'Erin-2026-11-20-gait-report.pdf'), '%PDF-1.4\n');
writeFileSync(join(tmp.path, 'secret.txt'), 'not an export');
afterAll(() => {
  setExportRevealer(undefined);
  services.close();
  tmp.cleanup();
});

describe('report:showExport', () => {
  it('without a revealer (browser mode) shows nothing and says so', async () => {
    setExportRevealer(undefined);
    const r = await services.dispatch('report:showExport', { fileName: 'Erin-2026-11-20-gait-report.pdf' });
    expect(r).toEqual({ ok: true, result: { shown: false } });
  });

  it('hands the shell the file in the exports folder, and only that', async () => {
    const shown: string[] = [];
    setExportRevealer((p) => shown.push(p));
    const ok = await services.dispatch('report:showExport', { fileName: 'Erin-2026-11-20-gait-report.pdf' });
    expect(ok).toEqual({ ok: true, result: { shown: true } });
    for (const fileName of ['../secret.txt', '/etc/passwd', '..', 'sub/x.pdf', 'missing.pdf', '']) {
      const r = await services.dispatch('report:showExport', { fileName });
      expect(r.ok, fileName).toBe(false);
      if (!r.ok) expect(r.error.field).toBe('fileName');
    }
    expect(shown).toEqual([join(exportsDir, 'Erin-2026-11-20-gait-report.pdf')]);
  });
});
