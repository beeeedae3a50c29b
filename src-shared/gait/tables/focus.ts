/**
 * Which findings matter most for the runner's complaint, as data: the ranking of findings
 * (src-shared/gait/findings.ts `rankFindings`) multiplies a finding's effect size by the weight of
 * its rule here. A complaint is matched by words of the session's free-text `complaint`; the first
 * entry that matches applies, and with none the weights are all 1 (the effect alone ranks).
 * Weights are StrideLab defaults (no study gives weights); which rules each entry raises is what
 * its source links to that complaint. The PT reorders, pins or demotes in the report.
 */
import type { SourceId } from './references';

export interface ComplaintFocus {
  readonly id: string;
  /** In the report's words: "proximal hamstring pain". */
  readonly label: string;
  /** Words of the complaint that select this entry (case-insensitive). */
  readonly match: RegExp;
  /** Finding rule id → weight (> 1 raises it); rules not named weigh 1. */
  readonly weights: Readonly<Record<string, number>>;
  readonly source: SourceId;
}

/** A finding on the painful side (session `injurySide`) weighs this much more. StrideLab default. */
export const INJURY_SIDE_WEIGHT = 1.25;

export const COMPLAINT_FOCUS: readonly ComplaintFocus[] = [
  {
    // Contralateral pelvic drop, over-striding and limited hip extension (the hamstring doing the
    // glutes' work) are the patterns linked to proximal hamstring tendinopathy [Goom 2016].
    id: 'proximal-hamstring',
    label: 'proximal hamstring pain',
    match: /hamstring|ischial|sit ?bone|buttock/i,
    weights: {
      'contralateral-pelvic-drop': 2,
      'limited-hip-extension': 2,
      overstride: 1.5,
      'forward-trunk-lean': 1.25,
    },
    source: 'goom2016',
  },
  {
    // The kinematics that told injured from healthy runners across patellofemoral pain, iliotibial
    // band syndrome, medial tibial stress syndrome and Achilles tendinopathy: contralateral pelvic
    // drop, forward trunk lean, an extended knee and a dorsiflexed ankle at contact [Bramah 2018].
    id: 'knee-shin-achilles',
    label: 'knee, shin or Achilles pain',
    match: /patell|knee|iliotibial|\bitb|shin|tibia|mtss|achilles/i,
    weights: {
      'contralateral-pelvic-drop': 1.5,
      'forward-trunk-lean': 1.5,
      'extended-knee-landing': 1.5,
      'dorsiflexed-ankle-landing': 1.5,
      overstride: 1.25,
    },
    source: 'bramah2018',
  },
];

/** The focus entry for a complaint, or undefined when none matches. */
export const focusOf = (complaint: string | undefined): ComplaintFocus | undefined =>
  complaint ? COMPLAINT_FOCUS.find((f) => f.match.test(complaint)) : undefined;
