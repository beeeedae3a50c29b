/**
 * The engine's findings in plain language, each with the numbers behind it, and the plan they
 * suggest: the exercises the findings link to, once each, with their instructions from the clinic's
 * exercise library and the findings they answer. Wording only: which findings fire is the engine's
 * rule table (src-shared/gait/tables/findings.ts). The app suggests; the PT edits every word.
 */
import type { RankedFinding } from '../gait/findings-rank';
import { MIN_STEPS, type GaitFinding } from '../gait/schema';
import type { Exercise } from '../gait/tables/exercises';
import { fmt, fmtInterval, fmtSigned, fmtSignedInterval, withUnit } from './format';
import type { FoundIn } from './finding-ids';
import type { Finding, PlanItem } from './model';
import { displayUnit, shortCite } from './rows';

const SIDE_WORD = { left: 'left', right: 'right', both: 'both sides' } as const;

function evidenceText(e: GaitFinding['evidence'][number]): string {
  const d = displayUnit(e.unit);
  const u = (n: number): string => withUnit(fmt(n, d.decimals), d.unit);
  const deg = (text: string): string => (d.unit === '°' ? `${text}°` : `${text} ${d.unit}`);
  const scaled = e.interval ? ([e.interval[0] * d.scale, e.interval[1] * d.scale] as const) : undefined;
  // Spelled out: the evidence is where a PT first meets the term, on the page and in the PDF.
  const sdd =
    e.sdd === null
      ? 'no published smallest detectable difference (SDD)'
      : `smallest detectable difference (SDD) ${u(e.sdd * d.scale)}`;
  if (e.side === 'both') {
    // The asymmetry rule's limit is in the variable's unit: the larger of its SDD and a share of
    // the mean; it fires only when the whole 95% interval of L − R is beyond it (src-shared/gait/findings.ts).
    return `${e.label}: left − right ${deg(fmtSigned(e.value * d.scale, d.decimals))}, 95% interval ${deg(fmtSignedInterval(scaled, d.decimals))} (n = ${e.n} steps a side): the whole interval is beyond ±${u(e.threshold * d.scale)} (${sdd})`;
  }
  const sd = e.sd === null ? '' : ` ± ${fmt(e.sd * d.scale, d.decimals)}`;
  const word = e.op === '>' ? 'above' : 'below';
  return `${e.label}, ${SIDE_WORD[e.side]}: ${deg(`${fmt(e.value * d.scale, d.decimals)}${sd}`)} over ${e.n} steps, 95% interval of the mean ${deg(fmtInterval(scaled, d.decimals))}: ${word} ${u(e.threshold * d.scale)} with its whole interval, by more than the ${e.sdd === null ? `measurement uncertainty (${sdd})` : sdd}`;
}

/** Why a finding ranks where it does, in the clinic's words. */
export function priorityWhy(r: RankedFinding): string {
  const parts = [
    `effect ${fmt(r.effect, 1)} × what the measurement resolves (the larger of the 95% interval's half-width and the SDD) beyond the threshold`,
  ];
  if (r.focus)
    parts.push(
      `weighted ×${r.focus.weights[r.finding.id] ?? 1} for ${r.focus.label} [${shortCite(r.focus.source)}]`,
    );
  if (r.painfulSide) parts.push('on the painful side');
  // findings-rank.ts: a tentative finding ranks after the whole ones whatever its effect.
  if (r.finding.provisional) parts.push('tentative: ranked after the firm findings');
  return parts.join('; ');
}

/** Why a finding is tentative: too few steps behind it (findings.ts), and/or `doubt` (./far-leg.ts);
 *  the report and the review's "What to work on first" say it in these words (./session-findings.ts). */
function tentativeWords(f: GaitFinding, doubt: string | undefined): string {
  const few = f.evidence.some((e) => e.n < MIN_STEPS) || !doubt;
  return [few ? 'fewer than 7 clean steps' : '', doubt ?? ''].filter(Boolean).join('; ');
}

/**
 * Whether it is tentative, and why, in words after the title. A finding merged across left and
 * right (./finding-ids.ts `mergeSides`) says it per side where the sides differ ("Left: tentative,
 * …; right: firm, over 11 clean steps."): one half-hidden far leg does not make the near leg's finding
 * tentative, and the PT sees which side to check in Review.
 */
function tentativeText(m: Pick<FoundIn, 'f' | 'doubt' | 'sides'>): string {
  const sides = m.sides?.map((s) => ({
    side: s.f.side,
    n: Math.min(...s.f.evidence.map((e) => e.n)),
    why: s.f.provisional ? tentativeWords(s.f, s.doubt) : undefined,
  }));
  if (!sides) return m.f.provisional ? ` Tentative: ${tentativeWords(m.f, m.doubt)}.` : '';
  if (new Set(sides.map((s) => s.why ?? '')).size === 1)
    return sides[0]!.why ? ` Tentative: ${sides[0]!.why}.` : '';
  const each = sides.map(
    (s, i) =>
      `${i === 0 ? s.side[0]!.toUpperCase() + s.side.slice(1) : s.side}: ${s.why ? `tentative, ${s.why}` : `firm, over ${s.n} clean steps`}`,
  );
  return ` ${each.join('; ')}.`;
}

/** "Contralateral pelvic drop on the right." with its evidence; `where` prefixes the condition's
 *  label (and `condition`, its id, is carried as data);
 *  `doubt` says why it is tentative besides its steps (./far-leg.ts), `sides` each side's own. */
export function findingOf(
  m: Pick<FoundIn, 'f' | 'where' | 'condition' | 'doubt' | 'sides'>,
  id: string,
  rank?: RankedFinding,
): Finding {
  const { f, where } = m;
  const side =
    f.side === 'both'
      ? f.evidence.some((e) => e.side !== 'both')
        ? ' on both sides'
        : ''
      : ` on the ${f.side}`;
  const text = `${where ? `${where}: ` : ''}${f.title}${side}.${tentativeText(m)}`;
  // The evidence of a tentative side of a merged finding says so where the sides differ.
  const mixed = m.sides && !f.provisional && m.sides.some((s) => s.f.provisional);
  const tentativeSides = new Set(mixed ? m.sides!.filter((s) => s.f.provisional).map((s) => s.f.side) : []);
  return {
    id,
    text,
    evidence: [
      ...f.evidence.map((e) => `${evidenceText(e)}${tentativeSides.has(e.side) ? ' (tentative)' : ''}`),
      // The rule's basis usually cites its source already; add the citation only when it does not.
      `Basis: ${f.basis.text}${f.basis.text.includes('[') || f.basis.text.includes('(StrideLab') ? '' : ` [${shortCite(f.basis.source)}]`}`,
    ],
    ...(rank
      ? {
          priority: {
            effect: Math.round(rank.effect * 100) / 100,
            weight: Math.round(rank.weight * 100) / 100,
            why: `${priorityWhy(rank)}${mixed ? `; ranked on the firm side (${m.sides!.find((s) => !s.f.provisional)!.f.side})` : ''}`,
          },
        }
      : {}),
    ...(f.plain ? { plain: f.plain } : {}),
    ...(f.cue ? { cue: { text: f.cue.text, source: shortCite(f.cue.source) } } : {}),
    ...(f.exercises.length ? { drills: f.exercises.map((e) => e.id) } : {}),
    condition: m.condition,
  };
}

export function planOf(findings: readonly GaitFinding[], library: readonly Exercise[]): PlanItem[] {
  const order: string[] = [];
  const why = new Map<string, Set<string>>();
  for (const f of findings) {
    for (const e of f.exercises) {
      if (!why.has(e.id)) {
        why.set(e.id, new Set());
        order.push(e.id);
      }
      why.get(e.id)!.add(f.title.toLowerCase());
    }
  }
  return order.flatMap((id) => {
    const ex = library.find((e) => e.id === id);
    if (!ex) return [];
    return [
      {
        id,
        title: ex.name,
        detail: `${ex.instructions}${ex.source ? ` [${ex.source}]` : ''}`,
        why: [...why.get(id)!].join('; '),
        ...(ex.dosage ? { dosage: ex.dosage } : {}),
        ...(ex.progression ? { progression: ex.progression } : {}),
        ...(ex.plain ? { plain: ex.plain } : {}),
        ...(ex.dosageSource ? { dosageSource: ex.dosageSource } : {}),
      },
    ];
  });
}
