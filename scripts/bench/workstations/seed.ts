import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { patientRow, sessionRow } from './plan';

/**
 * Seeding is setup, not what is measured, so it goes around the services: on SQLite one prepared
 * statement per table inside one transaction; on PostgreSQL multi-row INSERTs of 1,000 rows (13,000
 * parameters, under the protocol's 65,535) in one transaction. Only the columns a fresh row needs;
 * the rest take the schema's defaults, as a row saved by the app would.
 */
const P_COLS = ['id', 'name', 'clinic_id', 'sex', 'created_at', 'updated_at'];
const S_COLS = ['id', 'patient_id', 'date', 'clinician', 'injury_side', 'created_at', 'updated_at'];

const pValues = (i: number): unknown[] => {
  const p = patientRow(i);
  return [p.id, p.name, p.clinicId, 'unspecified', p.createdAt, p.createdAt];
};
const sValues = (j: number, patients: number): unknown[] => {
  const s = sessionRow(j, patients);
  return [s.id, s.patientId, s.date, 'PT Larsen', 'none', s.createdAt, s.createdAt];
};

export function seedSqlite(db: BetterSqlite3.Database, patients: number, sessions: number): void {
  const ins = (table: string, cols: string[]) =>
    db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const p = ins('patients', P_COLS);
  const s = ins('sessions', S_COLS);
  db.transaction(() => {
    for (let i = 0; i < patients; i++) p.run(...pValues(i));
    for (let j = 0; j < sessions; j++) s.run(...sValues(j, patients));
  })();
}

export async function seedPostgres(pool: pg.Pool, patients: number, sessions: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const bulk = async (table: string, cols: string[], n: number, row: (k: number) => unknown[]) => {
      for (let start = 0; start < n; start += 1000) {
        const rows: string[] = [];
        const params: unknown[] = [];
        for (let k = start; k < Math.min(n, start + 1000); k++) {
          const vals = row(k);
          rows.push(`(${vals.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
        }
        await client.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${rows.join(', ')}`, params);
      }
    };
    await bulk('patients', P_COLS, patients, pValues);
    await bulk('sessions', S_COLS, sessions, (j) => sValues(j, patients));
    await client.query('COMMIT');
    // autovacuum would analyze tables this size within a minute of such an insert; done now so the
    // plans measured are the ones a clinic's server settles on. SQLite keeps no statistics unless
    // asked, and the app never asks, so its side stays as the app leaves it.
    await client.query('ANALYZE patients, sessions');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
