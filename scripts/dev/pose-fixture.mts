// Dev: run detection on a clip and write its landmark series JSON (how test/fixtures/landmarks/*.json were made).
// npx tsx scripts/dev/pose-fixture.mts <clip> <lite|full|heavy> <out.json> [numPoses]
import { writeFileSync } from 'node:fs';
import { detectPoses } from '../../src-main/services/pose/run';
import { noPoseRanges, toSeries } from '../../src-main/services/pose/series';
const [clip, model, out, np] = process.argv.slice(2);
const t0 = Date.now();
const r = await detectPoses({
  clipPath: clip!,
  model: model as 'full',
  numPoses: Number(np ?? 2),
  onProgress: (p) => process.stderr.write(`\r${p.framesDone}/${p.totalFrames} ${p.fps.toFixed(1)} fps   `),
});
const s = toSeries(r.candidates);
writeFileSync(out!, JSON.stringify(s));
const counts = r.candidates.frames.map((f) => f.poses.length / 264);
console.log(
  '\nframes',
  s.frames.length,
  'pose',
  s.frames.filter((f) => f.status === 'pose').length,
  'noPose',
  JSON.stringify(noPoseRanges(s)),
  'multi',
  counts.filter((c) => c > 1).length,
  'wall',
  Date.now() - t0,
  'blocked',
  r.engine.blocked,
  'reqs',
  r.engine.requests.length,
);
