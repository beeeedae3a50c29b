/**
 * The review's "What to work on first" ranks by the session's complaint and painful side as the
 * report does (issue 19; an earlier version ranked by effect size alone). A synthetic rear-view
 * runner with two designed findings: the left wrist crossing the midline by 4.5 cm (effect
 * 4.5 / 2.6 = 1.7) and a right pelvic drop of 8.5° (effect (8.5 − 5) / 2.8 ≈ 1.25). By effect size the
 * crossing comes before the drop; for "right proximal hamstring pain" (pelvic drop × 2 [Goom 2016], painful
 * side × 1.25) the pelvic drop does. The panel is rendered by React itself (react-dom/server), fed
 * the context as ReviewPage gives it.
 */
import { describe, expect, it } from 'vitest';
import type { GaitAnalysis } from '../../src-shared/gait/schema';
import type { RankContext } from '../../src-shared/gait/findings-rank';
import { analysedRunner } from '../../src-shared/gait/testing/runner';
import { createElement, renderToStaticMarkup, type Element } from '../helpers/react-render';

// React and the renderer's panel are loaded by name: the node type-check (tsconfig.node.json) has
// no JSX and no DOM, and React's types would bring the DOM into every test it checks. vitest
// compiles them as the renderer's build does.
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { WorkOnFirstPanel } = (await load('../../src-renderer/src/review/panels/WorkOnFirstPanel.tsx')) as {
  WorkOnFirstPanel: (p: { gait: GaitAnalysis }) => Element;
};
const { SessionFocus, sessionFocus } = (await load('../../src-renderer/src/review/session-focus.ts')) as {
  SessionFocus: { Provider: unknown };
  sessionFocus: (s: {
    complaint?: string | null;
    injurySide?: RankContext['injurySide'] | null;
  }) => RankContext;
};

const gait = analysedRunner({
  view: 'rear',
  fps: 60,
  durationS: 8,
  seed: 3,
  noisePx: 1,
  lateralTrunkLeanDeg: 0,
  right: { pelvicDropDeg: 8.5 },
  left: { pelvicDropDeg: 2 },
  leftArm: { wristMedialCm: 22 },
}).analysis;

function panel(session: { complaint?: string | null; injurySide?: 'left' | 'right' | 'both' | 'none' }): {
  titles: string[];
  how: string;
} {
  const html = renderToStaticMarkup(
    createElement(
      SessionFocus.Provider,
      { value: sessionFocus(session) },
      createElement(WorkOnFirstPanel, { gait }),
    ),
  );
  const titles = [...html.matchAll(/<strong>([^<]*)<\/strong>/g)].map((m) => m[1]!);
  const how = /data-testid="review-work-first-how">([^<]*(?:<[^/][^>]*>[^<]*)*)<\/p>/.exec(html)?.[1] ?? '';
  return { titles, how: how.replace(/&quot;|&#x27;/g, '"') };
}

describe("review's first three and the complaint", () => {
  it('the designed findings fire', () => {
    const ids = gait.findings.map((f) => `${f.id}:${f.side}`);
    expect(ids).toEqual(expect.arrayContaining(['arm-crossover:left', 'contralateral-pelvic-drop:right']));
  });

  it('without a complaint: by effect size, and it says so', () => {
    const { titles, how } = panel({ complaint: null, injurySide: 'none' });
    // (The 6.5° left/right difference of the drop is a third finding, the largest of the three.)
    const crossing = titles.indexOf('Arms crossing the midline on the left.');
    expect(crossing).toBeGreaterThanOrEqual(0);
    expect(titles.indexOf('Contralateral pelvic drop on the right.')).toBeGreaterThan(crossing);
    expect(how).toMatch(/Ranked by effect size: the session has no complaint or painful side/);
  });

  it('with the session\u2019s hamstring complaint and right side: the right pelvic drop first, said why', () => {
    const { titles, how } = panel({ complaint: 'right proximal hamstring pain', injurySide: 'right' });
    expect(titles[0]).toBe('Contralateral pelvic drop on the right.');
    expect(titles).toContain('Arms crossing the midline on the left.');
    expect(how).toMatch(
      /weighted by the complaint \(“right proximal hamstring pain”\) and the painful side \(right\)/,
    );
  });
});
