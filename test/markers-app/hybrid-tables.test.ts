/**
 * The hybrid analysis as the tables draw it (issue 15 item 3), rendered by React itself
 * (react-dom/server): on the synthetic runner with knee markers designed at 1° of flexion (the
 * landmarks read ~19° at contact), Review's summary and the report's values-against-references table
 * show 1.0° for knee flexion at contact with "markers (…)" as its source, and every other row "pose
 * landmarks"; the report's finding rests on that 1.0°. The "not measurable" cell of the report's marker
 * table and of Review's is one component: the same markup in both.
 */
import { describe, expect, it } from 'vitest';
import type { GaitAnalysis } from '../../src-shared/gait';
import { analysedRunner } from '../../src-shared/gait/testing/runner';
import { buildReport } from '../../src-shared/report/build';
import type { VariableRow } from '../../src-shared/report/model';
import { clipInput, flatCondition, reportInput } from '../../src-shared/report/testing/report-input';
import { hybridOf, type VariableSources } from '../../src-shared/review/marker-hybrid';
import type { MarkerVariableRow } from '../../src-shared/review/marker-variables';
import { kneeMarkers } from '../../src-shared/review/testing/marker-legs';
import { renderHtml, type Component } from '../helpers/react-render';

// React and the renderer's components are loaded by name: the node type-check has no JSX and no
// DOM (as test/review/work-first-complaint.test.ts). vitest compiles them as the renderer's build does.
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { Summary } = (await load('../../src-renderer/src/review/panels/StepTable.tsx')) as {
  Summary: Component<{ gait: GaitAnalysis; view: 'side'; sources?: VariableSources }>;
};
const { VariablesTable } = (await load('../../src-renderer/src/report/VariablesTable.tsx')) as {
  VariablesTable: Component<{ rows: readonly VariableRow[]; caption: string }>;
};
const { MarkerRowsTable } = (await load('../../src-renderer/src/report/MarkerRowsTable.tsx')) as {
  MarkerRowsTable: Component<{ rows: readonly MarkerVariableRow[] }>;
};
const { MarkersPanel } = (await load('../../src-renderer/src/review/markers/MarkersPanel.tsx')) as {
  MarkersPanel: Component<{
    markers: unknown;
    view: 'side';
    frame: number;
    rows: readonly MarkerVariableRow[];
  }>;
};

const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
/** The markup of one table row, found by an attribute of its <tr>. */
const rowOf = (html: string, attr: string): string => {
  const at = html.indexOf(attr);
  expect(at, attr).toBeGreaterThan(0);
  return html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at));
};

const run = analysedRunner({ view: 'side', fps: 60, durationS: 8, seed: 7, noisePx: 0, cadence: 168 });
const gait = run.analysis;
const hybrid = hybridOf(
  'side',
  [...kneeMarkers(run.series, 'left', 1), ...kneeMarkers(run.series, 'right', 1)],
  gait,
)!;

describe('hybrid analysis in the tables', () => {
  it("Review's summary shows the marker value in the landmarks' place, with each row's source", () => {
    const html = renderHtml(Summary, { gait: hybrid.analysis, view: 'side', sources: hybrid.sources });
    const knee = rowOf(html, 'data-testid="variable-knee-flexion-ic"');
    expect(knee).toContain('data-source="markers"');
    expect(text(knee)).toMatch(/from markers \(trochanter, knee and ankle markers\)/);
    expect(text(knee)).toMatch(/1\.0 ± 0\.0° \(n 1\d\)/);
    const hip = rowOf(html, 'data-testid="variable-hip-extension-to"');
    expect(hip).toContain('data-source="landmarks"');
    expect(text(hip)).toMatch(/from pose landmarks/);
    // Without markers the summary is as before: no source line.
    expect(renderHtml(Summary, { gait, view: 'side' })).not.toContain('variable-source');
  });

  it("the report's table prints the value shown, its source and the finding on it", () => {
    const clip = clipInput('side', hybrid.analysis, run.series, { sources: hybrid.sources });
    const model = buildReport(reportInput([flatCondition(clip)])).model;
    const rows = model.conditions[0]!.variables;
    const html = renderHtml(VariablesTable, { rows, caption: 'Side view (sagittal plane)' });
    const knee = rowOf(html, 'data-key="knee-flexion-ic"');
    expect(knee).toContain('data-source="markers"');
    expect(text(knee)).toMatch(/Source: markers \(trochanter, knee and ankle markers\)/);
    expect(text(knee)).toMatch(/1\.0 ± 0\.0°/);
    expect(text(knee)).toMatch(/Landing with an extended knee/);
    // Every row names its source.
    expect(html.match(/data-testid="row-source"/g)).toHaveLength(rows.length);
    expect(model.findings.map((f) => f.text)).toContain('Landing with an extended knee on both sides.');
  });

  it('draws "not measurable" with one cell in the report and in Review', () => {
    const nm = { reason: 'Not measurable from this view: the markers were lost.', remedy: 'Film again.' };
    const row: MarkerVariableRow = {
      id: 'pelvic-tilt-ic',
      label: 'Pelvic tilt at initial contact',
      view: 'side',
      definition: 'ASIS–PSIS line vs horizontal; + = anterior tilt.',
      source: 'markers',
      sourceWords: 'right ASIS and PSIS markers',
      left: {
        values: [],
        mean: null,
        sd: null,
        n: 0,
        interval: null,
        uncertainty: null,
        tracking: 0,
        notMeasurable: nm,
      },
      right: null,
    };
    const cell = (html: string): string => {
      const at = html.indexOf('class="not-measurable"');
      return html
        .slice(html.lastIndexOf('<td', at), html.indexOf('</td>', at) + 5)
        .replace(/data-testid="[^"]*"/, '');
    };
    const report = renderHtml(MarkerRowsTable, { rows: [row] });
    const markers = {
      on: false,
      setup: null,
      tracks: null,
      status: null,
      detected: null,
      chosen: null,
      message: '',
    };
    const review = renderHtml(MarkersPanel, { markers, view: 'side', frame: 0, rows: [row] });
    expect(cell(report)).toContain('not measurable from this view<div class="remedy">Film again.</div>');
    expect(cell(review)).toBe(cell(report));
  });
});
