/**
 * Library speed: instant search must stay instant for a big clinic. Measured as the ratio of one
 * search over 20,000 patients to one primary-key read in the same run (machine-independent), plus
 * the absolute median for the record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../src-main/services';
import type { BenchLine } from './types';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchLibrarySearch(): Promise<BenchLine[]> {
  const home = mkdtempSync(join(tmpdir(), 'stridelab-bench-'));
  const services = createServices({ home, transport: 'cli' });
  try {
    const db = services.library.db;
    const insert = db.prepare(
      `INSERT INTO patients (id, name, clinic_id, sex, created_at, updated_at) VALUES (?, ?, ?, 'unspecified', ?, ?)`,
    );
    const first = ['Ann', 'Bob', 'Cara', 'Dan', 'Erin', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jo'];
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++) {
        insert.run(`id-${i}`, `${first[i % 10]} Runner${i}`, `C-${i}`, '2026-01-01', '2026-01-01');
      }
    })();
    const time = async (fn: () => Promise<unknown>): Promise<number> => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const search: number[] = [];
    const get: number[] = [];
    for (let i = 0; i < 30; i++) {
      search.push(
        await time(() => services.dispatch('patients:search', { query: `erin runner1${i % 10}`, limit: 50 })),
      );
      get.push(await time(() => services.dispatch('patients:get', { id: `id-${i}` })));
    }
    return [
      { name: 'library.search_20k.median_ms', value: median(search), unit: 'ms' },
      { name: 'library.search_over_get.ratio', value: median(search) / median(get), unit: 'x' },
    ];
  } finally {
    services.close();
    rmSync(home, { recursive: true, force: true });
  }
}
