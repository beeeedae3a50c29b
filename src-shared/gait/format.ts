/**
 * A gait result as plain text for a PT: clinic words (initial contact, cadence in steps/min,
 * mean ± SD over n steps, left vs right). Used by `stridelab gait`; pure, so the UI can reuse it.
 */
import { readDifference } from './difference';
import type { GaitAnalysis, GaitVariable } from './schema';

const UNIT: Record<string, string> = { deg: '°', cm: ' cm', '%leg': '% leg', s: ' s', ratio: '' };
const DIGITS: Record<string, number> = { deg: 1, cm: 1, '%leg': 0, s: 3, ratio: 2 };

function num(v: number | null, unit: string): string {
  if (v === null) return '–';
  return `${v.toFixed(DIGITS[unit] ?? 1)}${UNIT[unit] ?? ''}`;
}

function side(s: GaitVariable['left'], unit: string): string {
  if (s.notMeasurable) return 'not measurable from this view';
  if (s.mean === null) return 'not measured';
  const d = DIGITS[unit] ?? 1;
  const sd = s.sd === null ? '' : ` ± ${s.sd.toFixed(d)}`;
  const iv = s.uncertainty?.interval;
  const ci = iv ? `, 95% CI ${num(iv[0], unit)} to ${num(iv[1], unit)}` : '';
  return `${num(s.mean, unit)}${sd} over ${s.n} step${s.n === 1 ? '' : 's'}${ci}${s.enoughSteps ? '' : ' (too few)'}`;
}

function ci(iv: readonly [number, number] | null, unit: string): string {
  return iv ? ` [95% CI ${num(iv[0], unit)} to ${num(iv[1], unit)}]` : '';
}

export function formatSummary(r: GaitAnalysis): string {
  const lines: string[] = [];
  const view = r.source.view === 'side' ? 'side view' : 'rear view';
  lines.push(`${r.source.file} (${view}, ${r.source.fps} fps, ${r.source.frameCount} frames)`);
  if (r.orientation.facing)
    lines.push(
      `Runner faces ${r.orientation.facing.replace('image-', 'image ')}; ${r.orientation.nearSide} leg nearer the camera.`,
    );
  lines.push(
    r.calibration.pxPerCm
      ? `Calibration: ${r.calibration.pxPerCm.toFixed(2)} px/cm (${r.calibration.method}).`
      : 'No calibration: lengths in % of leg length.',
  );
  lines.push(
    `Filter: ${r.filter.cutoffHz === null ? 'none' : `zero-lag Butterworth, ${r.filter.cutoffHz} Hz`} (${r.filter.choice}).`,
  );
  lines.push('');
  const ic = r.events.filter((e) => e.kind === 'initial-contact');
  lines.push(
    `Cadence: ${r.cadence.value === null ? 'not measured' : `${r.cadence.value.toFixed(1)} steps/min`} (${r.cadence.n} strides); ${ic.length} initial contacts found (${r.gait}).`,
  );
  if (r.source.view === 'side') {
    const fs = (s: 'left' | 'right'): string => {
      const c = r.footStrike[s];
      return `${c.rearfoot} rearfoot, ${c.midfoot} midfoot, ${c.forefoot} forefoot`;
    };
    lines.push(`Foot strike: left ${fs('left')}; right ${fs('right')}.`);
  }
  lines.push('');
  for (const v of r.variables) {
    lines.push(`${v.label}:`);
    lines.push(`  left  ${side(v.left, v.unit)}`);
    lines.push(`  right ${side(v.right, v.unit)}`);
    if (v.symmetry) {
      const si = v.symmetry.indexPct === null ? '' : ` (symmetry index ${v.symmetry.indexPct.toFixed(1)}%)`;
      // The interval of L − R and what it says (difference.ts), as the report prints them.
      const iv = v.symmetry.uncertainty?.interval ?? null;
      const reading = readDifference(v, (x) => num(x, v.unit));
      const said = reading ? `: ${reading.words}` : '';
      lines.push(`  left − right ${num(v.symmetry.difference, v.unit)}${ci(iv, v.unit)}${si}${said}`);
    }
  }
  for (const u of r.unavailable) lines.push(`${u.label}: not measured (${u.reason}).`);
  lines.push('');
  for (const q of r.quality.reasons) lines.push(`Findings withheld: ${q.message}`);
  if (r.findings.length === 0 && !r.quality.findingsWithheld) lines.push('Findings: none.');
  for (const f of r.findings) {
    const ev = f.evidence
      .map((e) =>
        e.side === 'both'
          ? `${e.label}: left − right ${num(e.value, e.unit)}${ci(e.interval, e.unit)}, beyond ±${num(e.threshold, e.unit)}`
          : `${e.label} ${num(e.value, e.unit)}${ci(e.interval, e.unit)} ${e.op} ${num(e.threshold, e.unit)}`,
      )
      .join('; ');
    lines.push(`Finding: ${f.title} (${f.side})${f.provisional ? ' [few steps]' : ''}: ${ev}.`);
    if (f.exercises.length) lines.push(`  Suggested: ${f.exercises.map((e) => e.name).join(', ')}.`);
  }
  for (const f of r.flags)
    lines.push(
      `${f.severity === 'info' ? 'Note' : f.severity === 'error' ? 'Error' : 'Warning'}: ${f.message}`,
    );
  return lines.join('\n');
}
