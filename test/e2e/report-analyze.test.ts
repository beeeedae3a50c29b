import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src-main/services';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { parseCsv } from '../../src-shared/report/csv';
import type { AnalysisJson } from '../../src-shared/report/exports';
import { fmt, fmtInterval, fmtStat } from '../../src-shared/report/format';
import { countColour, embeddedImages, lumaSd, pdfPages, pdfText, renderPage } from '../report/pdf-read';
import { tempDir } from '../helpers/tmp';

/**
 * The main job end to end, as a user runs it: `stridelab analyze` as a real process on the built
 * app, real import (ffmpeg), real pose (MediaPipe in Debian Chromium), real gait engine, the PDF
 * printed by Chromium. The PDF is read back with poppler and checked against analysis.json.
 */
const BIN = fileURLToPath(new URL('../../bin/stridelab.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = join(ROOT, 'resources/samples/treadmill-side.mp4');

function analyze(
  args: string[],
  cwd = ROOT,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'analyze', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STRIDELAB_HOME: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const tmp = tempDir('stridelab-analyze-');
afterAll(() => tmp.cleanup());

describe('stridelab analyze --demo (the sample clip, real pose)', () => {
  const out = join(tmp.path, 'demo');
  let run: Awaited<ReturnType<typeof analyze>>;
  let json: AnalysisJson;
  let pdf: string;
  beforeAll(async () => {
    run = await analyze(['--demo', '--out', out]);
    pdf = join(out, 'report.pdf');
    if (run.code === 0) json = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as AnalysisJson;
  }, 600_000);

  it('writes the report, the JSON and the CSVs, says where the PDF is, and shows plain progress off a terminal', () => {
    expect(run.stderr).not.toMatch(/No report was written/);
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['analysis.json', 'report.pdf', 'steps.csv', 'summary.csv']);
    expect(run.stdout).toContain('report.pdf');
    expect(run.stderr).toMatch(/The report is .*report\.pdf/);
    // Not a TTY: whole lines per phase, no carriage-return bar.
    expect(run.stderr).not.toContain('\r');
    for (const phase of ['import', 'pose', 'gait', 'report'])
      expect(run.stderr).toMatch(new RegExp(`^${phase}: \\d+%`, 'm'));
  });

  it('prints every section, with patient, date and page numbers on every page', () => {
    const text = pdfText(pdf);
    for (const heading of [
      'Running gait report',
      'Conditions',
      'At a glance',
      'Findings',
      'Plan',
      'Notes',
      'signature',
      'Key frames',
      'Side view (sagittal plane)',
      'Joint angles over the gait cycle',
      'Quality of the measurement',
    ]) {
      expect(text, heading).toContain(heading);
    }
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((p, i) => {
      expect(p).toContain('Demo runner');
      expect(p).toMatch(/Session \d{1,2} [A-Z][a-z]+ \d{4}/);
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('prints the same numbers as analysis.json, which are the gait engine numbers', () => {
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    const c = json.report.conditions[0]!;
    const rows = [...c.spatiotemporal, ...c.variables].filter((r) => r.left || r.right || r.all);
    expect(rows.length).toBeGreaterThan(8);
    for (const r of c.variables) {
      for (const s of [r.left, r.right]) {
        if (s)
          expect(text, r.key).toContain(`${fmtStat(s, r.decimals)}${r.unit === '°' ? '°' : ''} n=${s.n}`);
      }
    }
    const cadence = c.spatiotemporal.find((r) => r.key === 'cadence')!;
    expect(text).toContain(`${fmt(cadence.all!.mean, 1)} steps/min`);
    // The report's numbers are the engine's (report units: ms for times).
    const gait = json.conditions[0]!.clips[0]!.gait;
    expect(cadence.all!.mean).toBe(gait.cadence.value);
    // A side the camera cannot measure is printed as words, with the engine's reason; the others as
    // the engine's numbers (docs/uncertainty.md).
    const contact = c.spatiotemporal.find((r) => r.key === 'contact-time')!;
    const engine = gait.variables.find((v) => v.id === 'contact-time')!;
    for (const side of ['left', 'right'] as const) {
      const hidden = engine[side].notMeasurable;
      if (hidden) {
        expect(contact[side]).toBeUndefined();
        expect(contact.notMeasurable?.[side]?.reason).toBe(hidden.reason);
      } else expect(contact[side]!.mean).toBeCloseTo(engine[side].mean! * 1000, 6);
    }
    // Each mean's 95% interval is printed beneath it.
    for (const r of c.variables)
      for (const s of [r.left, r.right])
        if (s?.interval)
          expect(text, r.key).toContain(
            `95% CI ${fmtInterval(s.interval, r.decimals)}${r.unit === '°' ? '°' : ''}`,
          );
  });

  it('writes one CSV row per step with the engine values, and a summary matching the report', () => {
    const steps = parseCsv(readFileSync(join(out, 'steps.csv'), 'utf8'));
    const gait = json.conditions[0]!.clips[0]!.gait;
    const knee = gait.variables.find((v) => v.id === 'knee-flexion-ic')!;
    const col = steps[0]!.indexOf('knee-flexion-ic (°)');
    const left = steps
      .slice(1)
      .filter((r) => r[2] === 'left' && r[col] !== '')
      .map((r) => Number(r[col]));
    expect(left).toEqual(knee.left.values.map((v) => v.value));
    const summary = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8'));
    const cad = summary.find((r) => r[2] === 'cadence')!;
    expect(Number(cad[7])).toBe(
      json.report.conditions[0]!.spatiotemporal.find((r) => r.key === 'cadence')!.all!.mean,
    );
  });

  it('shows real key frames (not blank) with the skeleton drawn over them', () => {
    const pictures = embeddedImages(pdf);
    expect(pictures.length).toBe(json.report.conditions[0]!.keyFrames.length);
    expect(pictures.length).toBe(6);
    for (const p of pictures) expect(lumaSd(p)).toBeGreaterThan(20);
    const page = pdfPages(pdf).findIndex((p) => p.includes('Key frames')) + 1;
    const img = renderPage(pdf, page, 60);
    // Left limbs blue (#2f7dd1) and right limbs orange (#e8772e) are drawn over the pictures.
    expect(countColour(img, [0x2f, 0x7d, 0xd1], 30)).toBeGreaterThan(150);
    expect(countColour(img, [0xe8, 0x77, 0x2e], 30)).toBeGreaterThan(150);
  });
});

describe('stridelab analyze with a side and a rear clip (landmarks given: no pose step)', () => {
  it('adds the rear view: its key frames, its table and its curves, and says when the clips could not be aligned', async () => {
    // The rear view's landmarks are the synthetic runner's (no licensed rear-view running clip
    // exists in the test media); the side view's are the committed landmarks of the sample clip.
    const rear = generateRunner({
      view: 'rear',
      fps: 30,
      durationS: 12,
      width: 720,
      height: 1280,
      seed: 9,
      noisePx: 1,
    });
    const rearFile = join(tmp.path, 'rear-two-view.landmarks.json');
    writeFileSync(rearFile, JSON.stringify(rear.series));
    const out = join(tmp.path, 'two-view');
    const r = await analyze([
      '--side',
      SAMPLE,
      '--side-landmarks',
      join(ROOT, 'test/fixtures/landmarks/treadmill_side_male.full.json'),
      '--rear',
      SAMPLE,
      '--rear-landmarks',
      rearFile,
      '--patient',
      'Ana <Lopez> & Co',
      '--height',
      '172',
      '--speed',
      '11',
      '--out',
      out,
    ]);
    expect(r.stderr).not.toContain('No report was written');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as AnalysisJson;
    const c = json.report.conditions[0]!;
    expect(c.clips.map((k) => k.view)).toEqual(['side', 'rear']);
    expect(c.keyFrames.filter((k) => k.view === 'rear')).toHaveLength(6);
    expect(c.variables.some((v) => v.view === 'rear' && v.key === 'pelvic-drop-ms')).toBe(true);
    const text = pdfText(join(out, 'report.pdf'));
    expect(text).toContain('Rear view (frontal plane)');
    // The name is printed as text, never as markup, on every page.
    for (const p of pdfPages(join(out, 'report.pdf'))) expect(p).toContain('Ana <Lopez> & Co');
    expect(embeddedImages(join(out, 'report.pdf'))).toHaveLength(12);
    // A real side clip and a synthetic rear runner do not move together: said, not hidden.
    expect(c.quality.map((q) => q.text).join(' ')).toMatch(/could not be aligned reliably/);
  }, 300_000);
});

describe('stridelab analyze keeps its work only where asked', () => {
  it('--home keeps the patient, the session and the clip in that library', async () => {
    const home = join(tmp.path, 'library');
    const out = join(tmp.path, 'kept');
    const r = await analyze([
      '--side',
      SAMPLE,
      '--side-landmarks',
      join(ROOT, 'test/fixtures/landmarks/treadmill_side_male.full.json'),
      '--home',
      home,
      '--patient',
      'Kept Runner',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const services = createServices({ home, transport: 'cli' });
    try {
      const found = await services.dispatch('patients:search', { query: 'Kept Runner' });
      expect(found).toMatchObject({ ok: true, result: [{ name: 'Kept Runner', sessionCount: 1 }] });
    } finally {
      services.close();
    }
  }, 300_000);

  it('Ctrl-C during pose stops the run, exits 130 and leaves no files', async () => {
    const out = join(tmp.path, 'interrupted');
    const child = spawn(process.execPath, [BIN, 'analyze', '--demo', '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, STRIDELAB_HOME: '' },
    });
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // Interrupt once the pose engine is running (an event the CLI prints, not a delay).
        if (/^pose: \d+%/m.test(stderr) && !child.killed) child.kill('SIGINT');
      });
      child.on('close', (c) => resolve(c));
    });
    expect(code).toBe(130);
    expect(stderr).toContain('cancelled; no report was written');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 300_000);
});

describe('stridelab analyze refuses bad input and leaves nothing that looks complete', () => {
  const noFiles = (dir: string): void => {
    if (!existsSync(dir)) return;
    expect(readdirSync(dir)).toEqual([]);
  };

  it('a missing clip', async () => {
    const out = join(tmp.path, 'missing');
    const r = await analyze(['--side', join(tmp.path, 'nope.mp4'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The side clip ".*nope\.mp4" does not exist/);
    expect(r.stderr).toContain('No report was written');
    noFiles(out);
  });

  it('wrong usage', async () => {
    const r = await analyze(['--rear', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/gait events come from the side view/);
    const m = await analyze(['--side', SAMPLE, '--model', 'huge']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('--model must be lite, full or heavy');
  });

  it('a clip with no person in it', async () => {
    const out = join(tmp.path, 'noperson');
    const r = await analyze([
      '--side',
      join(ROOT, 'test/fixtures/pose/no_person_testsrc.mp4'),
      '--out',
      out,
      '--model',
      'lite',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /No runner was found in the side clip "no_person_testsrc\.mp4": a person in \d+ of 60 frames/,
    );
    noFiles(out);
  }, 300_000);

  it('a rear view given as --side (rear-view landmarks of a synthetic runner on the sample clip)', async () => {
    // No licensed rear-view running clip exists in the test media (SOURCES.md), so the rear view is
    // the synthetic runner's, at the sample clip's size and rate, handed in as its landmarks.
    const rear = generateRunner({
      view: 'rear',
      fps: 30,
      durationS: 12,
      width: 720,
      height: 1280,
      seed: 4,
      noisePx: 1,
    });
    const file = join(tmp.path, 'rear.landmarks.json');
    writeFileSync(file, JSON.stringify(rear.series));
    const out = join(tmp.path, 'rear-as-side');
    writeFileSync(join(tmp.path, 'keep.txt'), 'x');
    const r = await analyze(['--side', SAMPLE, '--side-landmarks', file, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The clip given as --side \("treadmill-side\.mp4"\) looks like a rear view/);
    expect(r.stderr).toContain('Pass it as --rear');
    noFiles(out);
  }, 120_000);
});
