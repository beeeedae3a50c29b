// Dev helper: draw a landmark series onto chosen frames (ffmpeg drawbox) to look at them.
// npx tsx scripts/dev/overlay.mts <clip> <series.json> <outDir> <frame,frame,...>
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
const [clip, json, outDir, list] = process.argv.slice(2);
const s = JSON.parse(readFileSync(json!, 'utf8')) as LandmarkSeries;
mkdirSync(outDir!, { recursive: true });
const colour = (i: number): string =>
  i === 23 || i === 24 ? 'red' : i === 27 || i === 28 ? 'blue' : i >= 29 ? 'cyan' : 'lime';
for (const n of list!.split(',').map(Number)) {
  const f = s.frames[n]!;
  const boxes = (f.image ?? []).map(
    ([x, y], i) =>
      `drawbox=x=${Math.round(x - 6)}:y=${Math.round(y - 6)}:w=12:h=12:color=${colour(i)}:t=fill`,
  );
  const grid = [] as string[];
  for (let gx = 0; gx < s.source.width; gx += 100)
    grid.push(`drawbox=x=${gx}:y=0:w=1:h=ih:color=white@0.4:t=fill`);
  for (let gy = 0; gy < s.source.height; gy += 100)
    grid.push(`drawbox=x=0:y=${gy}:w=iw:h=1:color=white@0.4:t=fill`);
  const vf = [`select=eq(n\\,${n})`, ...grid, ...boxes, 'scale=-2:900'].join(',');
  execFileSync(ffmpeg.path, [
    '-v',
    'error',
    '-y',
    '-i',
    clip!,
    '-vf',
    vf,
    '-frames:v',
    '1',
    join(outDir!, `f${n}.png`),
  ]);
  console.log(
    n,
    f.status,
    f.image
      ? `Lhip ${f.image[23]!.slice(0, 2)} Rhip ${f.image[24]!.slice(0, 2)} Lank ${f.image[27]!.slice(0, 2)} Rank ${f.image[28]!.slice(0, 2)}`
      : '',
  );
}
