import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No SQL outside src-main/data (src-main/data/README.md): every statement sits behind a typed
 * repository, so the server backend (PostgreSQL) can take the same calls. This reads every source
 * file of src-main and fails on a better-sqlite3 call or a SQL statement in a string, outside the
 * places that may speak SQL.
 */
const ROOT = join(__dirname, '..', '..');

/** Where SQL belongs. */
const ALLOWED = [
  'src-main/data/', // the data layer itself
  'src-main/services/library/migrations/', // the schema, one file per version
  'src-main/services/library/lock.ts', // the library lock's own SQLite file, not the library
  'src-main/services/library/db.ts', // opening, pragmas and migrating, before the data layer exists
  'src-main/services/library/postgres/', // the same for the server backend
];

/**
 * Files not yet moved behind the data layer. Empty since every service moved (issue 17 item 1); it
 * stays so that a step-by-step move can be tracked again, and it only shrinks: a file here that no
 * longer speaks SQL fails the test until it is taken off.
 */
const PENDING = new Set<string>([]);

/** better-sqlite3 calls, and statements in a string literal (quote, backtick) at its start or after a newline. */
const PATTERNS: readonly [string, RegExp][] = [
  ['a prepared statement', /\.prepare\(/],
  ['a raw statement', /\.exec\(\s*[`'"]/],
  ['a better-sqlite3 transaction', /\bdb\.transaction\(/],
  ['a pragma', /\.pragma\(/],
  [
    'SQL in a string',
    /[`'"]\s*(SELECT\s[\s\S]*?\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TABLE|INDEX|TRIGGER)\s|BEGIN(\s+IMMEDIATE)?\s*[`'"]|COMMIT\s*[`'"]|ROLLBACK\s*[`'"])/,
  ],
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx|mts)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function offences(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sources(join(ROOT, 'src-main'))) {
    const rel = relative(ROOT, file).split('\\').join('/');
    if (ALLOWED.some((a) => rel === a || (a.endsWith('/') && rel.startsWith(a)))) continue;
    const text = readFileSync(file, 'utf8');
    const what = PATTERNS.filter(([, re]) => re.test(text)).map(([name]) => name);
    if (what.length) found.set(rel, what);
  }
  return found;
}

describe('the data-access rule', () => {
  it('finds SQL only in src-main/data, the migrations, the lock and the opening of a library', () => {
    const stray = [...offences()].filter(([f]) => !PENDING.has(f)).map(([f, w]) => `${f}: ${w.join(', ')}`);
    expect(stray, 'SQL outside src-main/data: move it into a repository (src-main/data/README.md)').toEqual(
      [],
    );
  });

  it('keeps the list of files still to move honest', () => {
    const found = offences();
    const done = [...PENDING].filter((f) => !found.has(f));
    expect(done, 'these files no longer speak SQL: take them off PENDING').toEqual([]);
  });

  it('would catch each kind of SQL', () => {
    const samples = [
      "db.prepare('SELECT 1')",
      'db.exec(`DELETE FROM patients`)',
      'db.transaction(() => {})',
      "db.pragma('user_version')",
      'const q = `SELECT id FROM recordings WHERE id = ?`;',
      "const q = 'INSERT INTO patients (id) VALUES (?)';",
      "run('BEGIN IMMEDIATE')",
    ];
    for (const s of samples)
      expect(
        PATTERNS.some(([, re]) => re.test(s)),
        s,
      ).toBe(true);
    // Not SQL: a regular expression's exec, words in a message.
    for (const s of ['/x(\\d+)/.exec(line)', "'Select the clip to delete from the session.'"])
      expect(
        PATTERNS.some(([, re]) => re.test(s)),
        s,
      ).toBe(false);
  });
});
