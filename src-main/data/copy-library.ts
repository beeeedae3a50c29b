import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';

/**
 * Every row of an embedded library copied into a server database of the same schema version, and
 * checked (issue 17 item 5: `stridelab library migrate --to postgres://…`). Generic over tables, as
 * the backup's restore is (services/media/backup.ts), so a table added later is copied without a
 * change here: the tables and their order come from the SQLite file's own foreign keys.
 *
 * The check reads both sides back: per table the row count and a SHA-256 over every row in a
 * canonical form (columns by name, numbers as JSON numbers, blobs as base64), the rows' forms sorted
 * in JavaScript so that the two databases' collations cannot change the order. Equal digests mean
 * the server holds exactly the library's rows, whatever each backend's words for the types.
 */
export interface TableCopy {
  readonly table: string;
  readonly rows: number;
  /** SHA-256 of the table's rows in canonical form, as read back from the server. */
  readonly sha256: string;
}

/**
 * The library file opened to be read only, and its schema version. Not SQLite's read-only mode: a
 * read-only connection to a WAL database leaves its -wal and -shm files behind, where the last
 * ordinary connection removes them; `query_only` refuses every write instead, so the folder is
 * left exactly as it was.
 */
export function openForReading(file: string): { db: BetterSqlite3.Database; version: number } {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  db.pragma('query_only = ON');
  return { db, version: db.pragma('user_version', { simple: true }) as number };
}

/** Tables of the SQLite file, each after the tables its foreign keys name. */
export function tablesInCopyOrder(source: BetterSqlite3.Database): string[] {
  const names = (
    source
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
  const deps = new Map(
    names.map((n) => [
      n,
      (source.pragma(`foreign_key_list("${n}")`) as { table: string }[])
        .map((f) => f.table)
        .filter((t) => t !== n),
    ]),
  );
  const order: string[] = [];
  const visit = (n: string, path: readonly string[]): void => {
    if (order.includes(n)) return;
    if (path.includes(n)) throw new Error(`Foreign keys form a cycle through ${n}.`);
    for (const d of deps.get(n) ?? []) visit(d, [...path, n]);
    order.push(n);
  };
  for (const n of names) visit(n, []);
  return order;
}

/** One row as a canonical string: sorted column names, blobs as base64. */
function canonical(row: Record<string, unknown>): string {
  const keys = Object.keys(row).sort();
  return JSON.stringify(
    keys.map((k) => {
      const v = row[k];
      return [k, Buffer.isBuffer(v) ? { base64: v.toString('base64') } : v];
    }),
  );
}

export function digestRows(rows: readonly Record<string, unknown>[]): string {
  const hash = createHash('sha256');
  for (const line of rows.map(canonical).sort()) hash.update(`${line}\n`);
  return hash.digest('hex');
}

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMS = 60_000;

/**
 * Copy every row, in one server transaction (all or nothing), into `target`, which must be at the
 * same schema and hold no rows. Returns what the server holds afterwards, table by table.
 */
export async function copyRowsToServer(
  source: BetterSqlite3.Database,
  target: pg.PoolClient,
  skip: readonly string[] = [],
): Promise<TableCopy[]> {
  const tables = tablesInCopyOrder(source).filter((t) => !skip.includes(t));
  await target.query('BEGIN');
  try {
    for (const table of tables) {
      const rows = source.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      const first = rows[0];
      if (!first) continue;
      const cols = Object.keys(first);
      const per = Math.max(1, Math.floor(MAX_PARAMS / cols.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const values = chunk.map(
          (_, r) => `(${cols.map((_c, c) => `$${r * cols.length + c + 1}`).join(', ')})`,
        );
        await target.query(
          `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}`,
          chunk.flatMap((row) => cols.map((c) => row[c])),
        );
      }
    }
    await target.query('COMMIT');
  } catch (err) {
    await target.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return Promise.all(tables.map((t) => serverTable(target, t)));
}

async function serverTable(target: pg.ClientBase, table: string): Promise<TableCopy> {
  const rows = (await target.query(`SELECT * FROM "${table}"`)).rows as Record<string, unknown>[];
  return { table, rows: rows.length, sha256: digestRows(rows) };
}

/** The same figures for the SQLite side. */
export function libraryTables(source: BetterSqlite3.Database, skip: readonly string[] = []): TableCopy[] {
  return tablesInCopyOrder(source)
    .filter((t) => !skip.includes(t))
    .map((table) => {
      const rows = source.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      return { table, rows: rows.length, sha256: digestRows(rows) };
    });
}

/** Rows in the server's StrideLab tables (a target must be empty before a copy). */
export async function serverRowCount(target: pg.ClientBase, tables: readonly string[]): Promise<number> {
  let n = 0;
  for (const t of tables)
    n += Number((await target.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0]?.n ?? 0);
  return n;
}
