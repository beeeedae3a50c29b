/**
 * The report's variables table (src-renderer/src/report/VariablesTable.tsx) rendered by React: a
 * pooled row (a rear-view variable without a side) prints its value with its unit, and a dash alone
 * where there is no value. The PDF of the walked visit, whose rear clip (a 3 s test pattern) had no
 * runner, printed "—°" on each of its rear rows.
 */
import { describe, expect, it } from 'vitest';
import type { VariableRow } from '../../src-shared/report/model';
import { renderHtml, type Component } from '../helpers/react-render';

const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { VariablesTable } = (await load('../../src-renderer/src/report/VariablesTable.tsx')) as {
  VariablesTable: Component<{ rows: readonly VariableRow[]; caption: string }>;
};

const row: VariableRow = {
  key: 'pelvic-drop-ms',
  label: 'Contralateral pelvic drop at midstance',
  unit: '°',
  view: 'rear',
  event: 'MS',
  decimals: 1,
};

/** The words of the row's value cell (the one spanning Left and Right). */
function valueCell(r: VariableRow): string {
  const html = renderHtml(VariablesTable, { rows: [r], caption: 'Rear view' });
  const cell = /<td class="num[^"]*" colSpan="2">(.*?)<\/td>/is.exec(html)?.[1] ?? '';
  return cell
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe("the report's variables table, a row without a side", () => {
  it('prints a dash alone where there is no value', () => {
    expect(valueCell(row)).toBe('—');
  });

  it('prints a value with its unit, n and interval', () => {
    expect(valueCell({ ...row, all: { mean: 4.25, sd: 1.5, n: 12, interval: [3.3, 5.2] } })).toBe(
      '4.3 ± 1.5° n=12 95% CI 3.3 to 5.2',
    );
  });
});
