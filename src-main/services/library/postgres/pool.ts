import pg from 'pg';

/**
 * A connection pool to the clinic's server, reading rows as the embedded backend does: the same
 * numbers for the same columns, so repositories parse one shape (src-main/data).
 *
 * node-postgres returns BIGINT (int8: byte counts, `count(*)`) as a string, because a JavaScript
 * number is exact only up to 2^53 (https://node-postgres.com/features/types). Every value StrideLab
 * keeps there is far below that (a file of 9 PB), so it is read as a number; one beyond it is refused
 * rather than rounded.
 */
const INT8 = 20;
const int8 = (text: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`A whole number beyond 2^53 came from the database: ${text}`);
  return n;
};

export const rowTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 && format !== 'binary'
      ? int8
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** A pool over `config` (from postgres/config.ts), named in the server's activity view. */
export function createPool(config: pg.PoolConfig): pg.Pool {
  return new pg.Pool({ application_name: 'StrideLab', max: 4, ...config, types: rowTypes });
}
