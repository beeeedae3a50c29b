/**
 * Measures what docs/library-layout.md reports about the review proxy: transcode speed, size, and
 * the cost of a seek to a random frame, original (long GOP) vs all-intra proxy, both with ffmpeg
 * (decode from the nearest key frame) and in Chromium (<video>.currentTime → 'seeked').
 * Run: npx tsx scripts/bench/proxy-seek.mts [clip.mp4 ...]   (defaults: the shared real clips)
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';
import { openLibrary } from '../../src-main/services/library/db';
import { createPatient } from '../../src-main/services/library/patients';
import { createSession } from '../../src-main/services/library/sessions';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { importRecording } from '../../src-main/services/media/import';
import { getRecordingRow } from '../../src-main/services/media/recordings-db';

const clips = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['treadmill_side_zzzhushi_male_side.mp4', 'sports2d_demo.mp4', 'pose2sim_single_cam01.mp4'].map((c) =>
      join('/work/shared/media', c),
    );

// Seeded LCG so every run seeks to the same frames.
let seed = 42;
const rand = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;

function ffmpegSeekMs(file: string, times: number[]): number {
  const t0 = performance.now();
  for (const t of times)
    execFileSync(ffmpegPath(), [
      '-v',
      'error',
      '-ss',
      t.toFixed(4),
      '-i',
      file,
      '-frames:v',
      '1',
      '-f',
      'null',
      '-',
    ]);
  return (performance.now() - t0) / times.length;
}

const home = mkdtempSync(join(tmpdir(), 'stridelab-bench-'));
const lib = openLibrary(home);
const patient = await createPatient(lib.data, { name: 'Bench', sex: 'unspecified' });
const session = await createSession(lib.data, {
  patientId: patient.id,
  date: '2026-01-01',
  injurySide: 'none',
  treadmillSpeedsKmh: [],
  treadmillInclinesPct: [],
});
const files = new Map<string, string>();
const server = createServer((req, res) => {
  const file = files.get(req.url ?? '');
  if (!file)
    return void res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>bench</title>');
  const size = statSync(file).size;
  const m = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
  if (m && Number(m[1]) >= size) return void res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
  if (!m)
    return void (
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': size, 'accept-ranges': 'bytes' }),
      createReadStream(file).pipe(res)
    );
  const start = Number(m[1]);
  const end = m[2] ? Number(m[2]) : size - 1;
  res.writeHead(206, {
    'content-type': 'video/mp4',
    'content-range': `bytes ${start}-${end}/${size}`,
    'content-length': end - start + 1,
  });
  createReadStream(file, { start, end }).pipe(res);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
});
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/none`);

async function chromiumSeekMs(url: string, times: number[]): Promise<number> {
  return page.evaluate(
    async ({ url, times }) => {
      const v = document.createElement('video');
      v.muted = true;
      v.preload = 'auto';
      v.src = url;
      document.body.append(v);
      await new Promise((r) => v.addEventListener('loadeddata', r, { once: true }));
      const t0 = performance.now();
      for (const t of times) {
        const done = new Promise((r) => v.addEventListener('seeked', r, { once: true }));
        v.currentTime = t;
        await done;
      }
      const ms = (performance.now() - t0) / times.length;
      v.remove();
      return ms;
    },
    { url, times },
  );
}

console.log(
  '| clip | frames | size | transcode | proxy size | seek ffmpeg orig / proxy | seek Chromium orig / proxy |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const src of clips) {
  const t0 = performance.now();
  const rec = await importRecording(lib, {
    sessionId: session.id,
    sourcePath: src,
    view: 'side',
    condition: { label: basename(src) },
  });
  const secs = (performance.now() - t0) / 1000;
  const row = await getRecordingRow(lib.data, rec.id);
  const original = join(lib.paths.mediaDir, row.paths.original);
  const proxy = join(lib.paths.mediaDir, row.paths.proxy);
  const times = Array.from({ length: 20 }, () => rand() * rec.probe.durationS * 0.95);
  const key = rec.id.slice(0, 8);
  files.set(`/o${key}`, original);
  files.set(`/p${key}`, proxy);
  const fo = ffmpegSeekMs(original, times);
  const fp = ffmpegSeekMs(proxy, times);
  const co = await chromiumSeekMs(`/o${key}`, times);
  const cp = await chromiumSeekMs(`/p${key}`, times);
  const mb = (f: string): string => `${(readFileSync(f).length / 1e6).toFixed(1)} MB`;
  console.log(
    `| ${basename(src)} | ${rec.probe.frameCount} (${rec.probe.displayWidth}×${rec.probe.displayHeight}, ${rec.probe.codec}) | ${mb(original)} | ${secs.toFixed(1)} s (${(rec.probe.frameCount / secs).toFixed(0)} fps) | ${mb(proxy)} | ${fo.toFixed(0)} / ${fp.toFixed(0)} ms | ${co.toFixed(1)} / ${cp.toFixed(1)} ms |`,
  );
}
await browser.close();
server.close();
lib.close();
rmSync(home, { recursive: true, force: true });
