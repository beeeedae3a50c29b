import type Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * A backend-neutral description of a schema: what rows a table takes and how it refuses them
 * (columns with their kind of value, nullability, default and key position; foreign keys and their
 * ON DELETE; unique constraints; named indexes; triggers). Two backends that describe alike store
 * and refuse alike, whatever each one's words for it.
 */
export interface TableShape {
  columns: Record<string, { kind: string; notNull: boolean; default: string | null; pk: number }>;
  foreignKeys: string[];
  unique: string[];
}
export interface SchemaShape {
  tables: Record<string, TableShape>;
  indexes: string[];
  triggers: string[];
}

const SQLITE_KIND: Record<string, string> = { TEXT: 'text', INTEGER: 'integer', REAL: 'real', BLOB: 'blob' };
const PG_KIND: Record<string, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'integer',
  'double precision': 'real',
  bytea: 'blob',
};
const ON_DELETE: Record<string, string> = {
  CASCADE: 'cascade',
  'SET NULL': 'set null',
  'NO ACTION': 'no action',
  c: 'cascade',
  n: 'set null',
  a: 'no action',
};
/** `'[]'::text` → `'[]'`: PostgreSQL writes the type of a literal default, SQLite does not. */
const plainDefault = (d: string | null): string | null => (d === null ? null : d.replace(/::[a-z ]+$/, ''));

export function describeSqlite(db: Database.Database): SchemaShape {
  const names = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  const tables: Record<string, TableShape> = {};
  for (const { name } of names) {
    const cols = db.pragma(`table_info("${name}")`) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const fks = db.pragma(`foreign_key_list("${name}")`) as {
      id: number;
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[];
    const indexes = db.pragma(`index_list("${name}")`) as { name: string; unique: number; origin: string }[];
    tables[name] = {
      columns: Object.fromEntries(
        cols.map((c) => [
          c.name,
          {
            kind: SQLITE_KIND[c.type] ?? c.type,
            notNull: c.notnull === 1 || c.pk > 0,
            default: plainDefault(c.dflt_value),
            pk: c.pk,
          },
        ]),
      ),
      foreignKeys: fks
        .map((f) => `${f.from} -> ${f.table}(${f.to}) on delete ${ON_DELETE[f.on_delete]}`)
        .sort(),
      unique: indexes
        .filter((i) => i.origin === 'u')
        .map((i) => (db.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name).join(','))
        .sort(),
    };
  }
  const named = (type: string): string[] =>
    (
      db
        .prepare(`SELECT name FROM sqlite_master WHERE type = ? AND sql IS NOT NULL ORDER BY name`)
        .all(type) as {
        name: string;
      }[]
    ).map((r) => r.name);
  return { tables, indexes: named('index'), triggers: named('trigger') };
}

export async function describePostgres(
  client: pg.ClientBase,
  skip: readonly string[] = [],
): Promise<SchemaShape> {
  const q = async <T>(sql: string): Promise<T[]> => (await client.query(sql)).rows as T[];
  const names = (
    await q<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  )
    .map((r) => r.table_name)
    .filter((n) => !skip.includes(n));
  const cols = await q<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
  }>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const constraints = await q<{
    table: string;
    type: string;
    cols: string[];
    ref: string | null;
    refcols: string[];
    del: string;
  }>(
    `SELECT c.conrelid::regclass::text AS table, c.contype AS type,
            ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS cols,
            c.confrelid::regclass::text AS ref,
            ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS refcols,
            c.confdeltype AS del
     FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace
     WHERE ns.nspname = current_schema() AND c.contype IN ('p', 'f', 'u')`,
  );
  const tables: Record<string, TableShape> = {};
  for (const name of names) {
    const mine = constraints.filter((c) => c.table === name);
    const pk = mine.find((c) => c.type === 'p')?.cols ?? [];
    tables[name] = {
      columns: Object.fromEntries(
        cols
          .filter((c) => c.table_name === name)
          .map((c) => [
            c.column_name,
            {
              kind: PG_KIND[c.data_type] ?? c.data_type,
              notNull: c.is_nullable === 'NO',
              default: plainDefault(c.column_default),
              pk: pk.indexOf(c.column_name) + 1,
            },
          ]),
      ),
      foreignKeys: mine
        .filter((c) => c.type === 'f')
        .map((c) => `${c.cols.join(',')} -> ${c.ref}(${c.refcols.join(',')}) on delete ${ON_DELETE[c.del]}`)
        .sort(),
      unique: mine
        .filter((c) => c.type === 'u')
        .map((c) => c.cols.join(','))
        .sort(),
    };
  }
  const indexes = (
    await q<{ indexname: string }>(
      `SELECT i.indexname FROM pg_indexes i
       WHERE i.schemaname = current_schema()
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
       ORDER BY i.indexname`,
    )
  ).map((r) => r.indexname);
  const triggers = (
    await q<{ tgname: string }>(
      `SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace ns ON ns.oid = c.relnamespace
       WHERE ns.nspname = current_schema() AND NOT t.tgisinternal ORDER BY t.tgname`,
    )
  ).map((r) => r.tgname);
  return { tables, indexes, triggers };
}
