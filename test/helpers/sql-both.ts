import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { Backend } from '../../src-main/services/library/migrations/types';

/**
 * Plain SQL on either backend, for tests that hold the two schemas to the same behaviour. Write
 * `?` placeholders; PostgreSQL gets `$1, $2, …`.
 */
export interface SqlRunner {
  readonly backend: Backend;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export function sqliteRunner(db: Database.Database): SqlRunner {
  return {
    backend: 'sqlite',
    run: async (sql, params = []) => {
      db.prepare(sql).run(...params);
    },
    all: async <T>(sql: string, params: readonly unknown[] = []) => db.prepare(sql).all(...params) as T[],
  };
}

const dollars = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** On one client, or on a pool (each statement on whichever connection is free). */
export function postgresRunner(client: Pick<pg.ClientBase, 'query'>): SqlRunner {
  return {
    backend: 'postgres',
    run: async (sql, params = []) => {
      await client.query(dollars(sql), [...params]);
    },
    all: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await client.query(dollars(sql), [...params])).rows as T[],
  };
}

export async function insertRow(db: SqlRunner, table: string, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  await db.run(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    cols.map((c) => row[c]),
  );
}
