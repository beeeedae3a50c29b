/**
 * The report's flat-vs-incline table (src-renderer/src/report/ReportSections.tsx `Comparison`)
 * rendered by React from a model built on two synthetic conditions: the change carries its 95%
 * interval and what that interval says, as L − R does. It used to print the bare difference of the
 * two means, without spread or verdict (found walking a visit with flat and incline). The verdict is
 * Review's short tag, its full words its title and in the note under the table (how it lies on the
 * printed page: comparison-pdf.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src-shared/report/build';
import type { ReportModel } from '../../src-shared/report/model';
import { reportInput, runnerClip } from '../../src-shared/report/testing/report-input';
import { renderHtml, type Component } from '../helpers/react-render';

const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { Comparison } = (await load('../../src-renderer/src/report/ReportSections.tsx')) as {
  Comparison: Component<{ model: ReportModel }>;
};

const side = (cadence: number, seed: number) =>
  runnerClip({ view: 'side', fps: 60, durationS: 8, seed, noisePx: 1, cadence }, { file: 'side.mp4' });
const condition = (id: string, cadence: number, seed: number) => ({
  id,
  label: id,
  clips: [side(cadence, seed)],
});

/** Each row's change cell, as text. */
function changes(model: ReportModel): Map<string, string> {
  const html = renderHtml(Comparison, { model });
  const rows = html.split('data-testid="comparison-row"').slice(1);
  return new Map(
    rows.map((r) => [
      /data-key="([^"]+)"/.exec(r)![1]!,
      (/<td class="num change">(.*?)<\/td>/s.exec(r)?.[1] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ]),
  );
}

describe("the report's flat vs incline change", () => {
  it('prints each change with its 95% interval and its verdict', () => {
    const { model } = buildReport(reportInput([condition('flat', 168, 7), condition('incline', 180, 8)]));
    const cells = changes(model);
    expect(cells.size).toBeGreaterThan(5);
    // Cadence 168 → 180 steps/min: "+12.0 +10.9 to +13.1 resolved".
    expect(cells.get('cadence')).toMatch(/^\+1[12]\.\d \+\d+\.\d to \+\d+\.\d resolved$/);
    for (const [key, text] of cells) expect(text, key).toMatch(/( to .*(resolved|within noise))$|^—$/);
    // The tags' full words: each cell's title, and the note under the table.
    const html = renderHtml(Comparison, { model });
    expect(html).toContain('title="a change the measurement resolves">resolved<');
    const note = /data-testid="comparison-note"[^>]*>(.*?)<\/p>/s.exec(html)![1]!.replace(/<[^>]+>/g, '');
    expect(note).toContain('resolved: a change the measurement resolves');
    expect(note).toContain('within noise: within what the measurement resolves');
  });

  it('says no change between two clips of one runner at one cadence is one the measurement resolves', () => {
    const { model } = buildReport(reportInput([condition('flat', 170, 7), condition('again', 170, 8)]));
    expect(changes(model).get('cadence')).toMatch(/within noise$/);
  });
});
