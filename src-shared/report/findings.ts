/**
 * The engine's findings in plain language, each with the numbers behind it, and the plan they
 * suggest: the exercises the findings link to, once each, with their instructions from the clinic's
 * exercise library and the findings they answer. Wording only: which findings fire is the engine's
 * rule table (src-shared/gait/tables/findings.ts). The app suggests; the PT edits every word.
 */
import type { GaitFinding } from '../gait/schema';
import type { Exercise } from '../gait/tables/exercises';
import { fmt, fmtSigned, withUnit } from './format';
import type { Finding, PlanItem } from './model';
import { displayUnit, shortCite } from './rows';

const SIDE_WORD = { left: 'left', right: 'right', both: 'both sides' } as const;

function evidenceText(e: GaitFinding['evidence'][number]): string {
  const d = displayUnit(e.unit);
  const u = (n: number): string => withUnit(fmt(n, d.decimals), d.unit);
  if (e.side === 'both') {
    // The asymmetry rule's threshold is in the variable's unit: the larger of its SDD and a share
    // of the mean (src-shared/gait/findings.ts).
    const threshold = u(e.threshold * d.scale);
    return `${e.label}: left − right ${fmtSigned(e.value * d.scale, d.decimals)}${d.unit === '°' ? '°' : ` ${d.unit}`} (n = ${e.n} steps a side; threshold ${threshold})`;
  }
  const sd = e.sd === null ? '' : ` ± ${fmt(e.sd * d.scale, d.decimals)}`;
  return `${e.label}, ${SIDE_WORD[e.side]}: ${fmt(e.value * d.scale, d.decimals)}${sd}${d.unit === '°' ? '°' : ` ${d.unit}`} over ${e.n} steps (${e.op === '>' ? 'above' : 'below'} ${u(e.threshold * d.scale)})`;
}

/** "Contralateral pelvic drop on the right." with its evidence; `where` prefixes the condition. */
export function findingOf(f: GaitFinding, where: string | undefined, index: number): Finding {
  const side =
    f.side === 'both'
      ? f.evidence.some((e) => e.side !== 'both')
        ? ' on both sides'
        : ''
      : ` on the ${f.side}`;
  const text = `${where ? `${where}: ` : ''}${f.title}${side}.${f.provisional ? ' Provisional: fewer than 7 clean steps.' : ''}`;
  return {
    id: `${f.id}-${f.side}-${index}`,
    text,
    evidence: [
      ...f.evidence.map(evidenceText),
      // The rule's basis usually cites its source already; add the citation only when it does not.
      `Basis: ${f.basis.text}${f.basis.text.includes('[') || f.basis.text.includes('(StrideLab') ? '' : ` [${shortCite(f.basis.source)}]`}`,
    ],
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
      },
    ];
  });
}
