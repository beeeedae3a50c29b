/**
 * The printed report leads with what to work on first (issue 19): the report of a synthetic runner
 * with designed effects (right pelvic drop, forward trunk lean, a stiff knee) and a right proximal
 * hamstring complaint, printed by real headless Chromium from the built report page, its first page
 * read back with pdftotext: the three first findings, in their ranked order. With flat and incline
 * filmed, the runner's page says which each finding was seen in ("Seen in: Flat and Incline"): a
 * finding of both is said once, and the page used to name no condition. Needs the renderer built
 * (npx electron-vite build).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../src-main/paths';
import { chromiumPrinter } from '../../src-main/services/report/pdf-chromium';
import { sideAndRear } from '../../src-shared/gait/testing/runner';
import { buildReport } from '../../src-shared/report/build';
import { splitFindings } from '../../src-shared/report/priorities';
import { clipInput, reportInput, sideRearSessionInput } from '../../src-shared/report/testing/report-input';
import { pdfPages } from './pdf-read';

const dir = mkdtempSync(join(tmpdir(), 'stridelab-priorities-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const design = {
  fps: 60,
  durationS: 8,
  seed: 3,
  noisePx: 2,
  speedKmh: 11,
  trunkLeanDeg: 20,
  stanceKneePeakDeg: 35,
  right: { pelvicDropDeg: 12 },
} as const;

describe('the printed report', () => {
  it('opens with the three findings to work on first, in their order, and a page for the runner', async () => {
    const { model } = buildReport(sideRearSessionInput(design, { clinician: 'Sam Lee, PT' }));
    const { first } = splitFindings(model.findings);
    expect(first).toHaveLength(3);
    const pdf = await chromiumPrinter({ rendererDir: rendererDir() }).print({ model, images: {} });
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const pages = pdfPages(file).map((p) => p.replace(/\s+/g, ' '));
    const page1 = pages[0]!;
    const block = page1.slice(page1.indexOf('What to work on first'));
    expect(block.length).toBeLessThan(page1.length);
    // The three, in order, with their cues; the first is the right pelvic drop.
    expect(first[0]!.text).toBe('Contralateral pelvic drop on the right.');
    let at = 0;
    for (const f of first) {
      const i = block.indexOf(f.text, at);
      expect(i, f.text).toBeGreaterThanOrEqual(at);
      expect(block.indexOf(`Cue: “${f.cue!.text}”`, i)).toBeGreaterThan(i);
      at = i + f.text.length;
    }
    // The runner's page: plain words and the cues, no degrees.
    const runner = pages.find((p) => p.includes('For you: what to work on'));
    expect(runner).toBeDefined();
    for (const f of first) expect(runner).toContain(f.cue!.text);
    const runnerPart = runner!.slice(runner!.indexOf('For you: what to work on'));
    expect(runnerPart).not.toMatch(/\d°/);
  }, 180_000);

  it("says on the runner's page which conditions each finding was seen in", async () => {
    // Flat: the pelvic drop and the stiff knee; incline: the same runner leaning forward too.
    const conditionOf = (id: string, label: string, lean: number) => {
      const { side, rear } = sideAndRear({ ...design, trunkLeanDeg: lean });
      return {
        id,
        label,
        speedKmh: 11,
        clips: [clipInput('side', side.analysis, side.series), clipInput('rear', rear.analysis, rear.series)],
      };
    };
    const { model } = buildReport(
      reportInput([conditionOf('flat', 'Flat', 0), conditionOf('incline', 'Incline', 20)], {
        patient: { name: 'Sam Synthetic', heightCm: 175 },
        session: { id: 's2', date: '2026-12-06' },
      }),
    );
    const { first } = splitFindings(model.findings);
    const pdf = await chromiumPrinter({ rendererDir: rendererDir() }).print({ model, images: {} });
    const file = join(dir, 'two-conditions.pdf');
    writeFileSync(file, pdf);
    if (process.env.STRIDELAB_SHOTS)
      writeFileSync(join(process.env.STRIDELAB_SHOTS, 'runner-seen-in.pdf'), pdf);
    const pages = pdfPages(file).map((p) => p.replace(/\s+/g, ' '));
    const runner = pages.find((p) => p.includes('For you: what to work on'))!;
    const part = runner.slice(runner.indexOf('For you: what to work on'));
    // After each finding's plain words (said once for both conditions), where it was seen.
    const seen = first.map((f) => {
      const at = part.indexOf(f.plain!);
      expect(at, f.plain).toBeGreaterThanOrEqual(0);
      return /^ ?Seen in: (.*?)(?= While you run| Exercise| Based on|$)/.exec(
        part.slice(at + f.plain!.length),
      )?.[1];
    });
    expect(seen).toContain('Flat and Incline');
    expect(seen).toContain('Incline');
    expect(seen.every((w) => w === 'Flat and Incline' || w === 'Flat' || w === 'Incline')).toBe(true);
  }, 180_000);
});
