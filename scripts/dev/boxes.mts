// Dev: draw candidate boxes (green = chosen in series, red = other) on frames.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
const [clip, boxesFile, seriesFile, out, list] = process.argv.slice(2);
const boxes = JSON.parse(readFileSync(boxesFile!, 'utf8')) as number[][][];
const s = JSON.parse(readFileSync(seriesFile!, 'utf8'));
for (const n of list!.split(',').map(Number)) {
  const hip = s.frames[n].image?.[23];
  const draw = boxes[n]!.map((b) => {
    const chosen =
      hip && hip[0] >= b[0]! - 1 && hip[0] <= b[2]! + 1 && hip[1] >= b[1]! - 1 && hip[1] <= b[3]! + 1;
    return `drawbox=x=${b[0]}:y=${b[1]}:w=${b[2]! - b[0]!}:h=${b[3]! - b[1]!}:color=${chosen ? 'lime' : 'red'}:t=6`;
  });
  const vf = [
    `select=eq(n\\,${n})`,
    ...draw,
    `drawtext=text='${n}':x=20:y=20:fontsize=60:fontcolor=yellow`,
    'scale=-2:500',
  ].join(',');
  try {
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
      `${out}/b${n}.png`,
    ]);
  } catch {
    execFileSync(ffmpeg.path, [
      '-v',
      'error',
      '-y',
      '-i',
      clip!,
      '-vf',
      vf.replace(/,drawtext[^,]*/, ''),
      '-frames:v',
      '1',
      `${out}/b${n}.png`,
    ]);
  }
}
