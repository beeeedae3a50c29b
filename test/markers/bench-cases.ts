/**
 * Prints the marker tracker's per-case table (docs/markers.md, "Measured"):
 *   npx tsx test/markers/bench-cases.ts [case-substring] [--markers] [--seed=N]
 * with the tracking time per case and the load average beside it (a shared 2-core machine).
 */
import { loadavg } from 'node:os';
import { CASES, runCase } from './cases';

const args = process.argv.slice(2);
const filter = args.find((a) => !a.startsWith('--'));
const seedArg = args.find((a) => a.startsWith('--seed='));
const noiseSeed = seedArg ? Number(seedArg.slice('--seed='.length)) : undefined;
const perMarker = args.includes('--markers');

for (const spec of CASES.filter((c) => !filter || c.id.includes(filter))) {
  const r = await runCase(noiseSeed === undefined ? spec : { ...spec, seed: noiseSeed });
  const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  const extra = r.tilt
    ? `tilt@IC ${r.tilt.good}/${r.tilt.of} within 1° (worst ${r.tilt.worstDeg.toFixed(2)}°)`
    : r.stances
      ? `eversion peak ${r.stances.good}/${r.stances.of} stances within 1.5° (${r.stances.wrong} off), ` +
        `at contact ${r.stances.contactGood}/${r.stances.of} (${r.stances.contactWrong} off)`
      : '';
  console.log(
    `${spec.id}: within 1 px ${pct(r.within, r.visible)} (${r.within}/${r.visible}), swaps ${r.swaps}, ` +
      `guessed hidden ${r.guessed}, ${extra}; ${r.clip.frameCount} frames in ${(r.trackMs / 1000).toFixed(1)} s, CPU ${(r.cpuMs / 1000).toFixed(1)} s ` +
      `(load ${loadavg()[0]!.toFixed(1)})`,
  );
  if (perMarker)
    for (const m of r.perMarker)
      console.log(
        `   ${m.name.padEnd(24)} ${pct(m.within, m.visible).padStart(6)} of ${m.visible}  swaps ${m.swaps}  guessed ${m.guessed}`,
      );
}
