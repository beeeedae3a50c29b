import { PostgresAdapter, sql, type Kysely, type Selectable } from 'kysely';
import type { Database, RecordingsTable } from './schema';

/** A row as stored, every column by name (blobs as Buffers). */
export type Row = Record<string, unknown>;

/** One session's rows as stored, for a session archive (services/media/archive.ts). */
export interface SessionRows {
  readonly patient: Row;
  readonly session: Row;
  /** The session's recordings not in the trash, oldest first. */
  readonly recordings: Selectable<RecordingsTable>[];
  /**
   * Rows of every other table tied to the session or its recordings (a `session_id` or
   * `recording_id` column: review corrections, key frames, capture takes…), by table.
   */
  readonly related: Record<string, Row[]>;
}

/** An archive's row that belongs to another session: nothing is written. */
export class ForeignRowError extends Error {
  constructor(readonly table: string) {
    super(`a ${table} row belongs to another session`);
    this.name = 'ForeignRowError';
  }
}

/**
 * One session's rows, whatever tables hold them: read for an archive, written from one. Generic
 * over tables (kysely's introspection on either backend), so a table added later travels in
 * archives without a change here; that is why it reads and writes across the tables of other
 * repositories, one session at a time, and only here.
 */
export interface SessionArchiveRepo {
  /** The session's rows, or undefined when there is no such session. */
  read(sessionId: string): Promise<SessionRows | undefined>;
  /**
   * Write an archive's rows: the patient unless that id is already in the library, the session,
   * its recordings and the related rows of tables this library has (columns it does not have are
   * dropped). Several tables: call it inside `data.transaction`. Throws ForeignRowError for a
   * related row of another session.
   */
  write(rows: SessionRows): Promise<void>;
}

const CORE_TABLES = new Set(['patients', 'sessions', 'recordings']);

interface Table {
  readonly name: string;
  readonly columns: ReadonlySet<string>;
}

export function sessionArchiveRepo(db: Kysely<Database>): SessionArchiveRepo {
  /** The library's tables with a `session_id` or `recording_id` column, other than the three above. */
  const relatedTables = async (): Promise<Table[]> => {
    const all = await db.introspection.getTables();
    // On a server, only the schema the library's tables are in.
    const home = all.find((t) => t.name === 'recordings')?.schema;
    return all
      .filter((t) => !t.isView && t.schema === home && !CORE_TABLES.has(t.name))
      .map((t) => ({ name: t.name, columns: new Set(t.columns.map((c) => c.name)) }))
      .filter((t) => t.columns.has('session_id') || t.columns.has('recording_id'));
  };
  return {
    async read(sessionId) {
      const session = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', sessionId)
        .executeTakeFirst();
      if (!session) return undefined;
      const patient = await db
        .selectFrom('patients')
        .selectAll()
        .where('id', '=', session.patient_id)
        .executeTakeFirstOrThrow();
      const recordings = await db
        .selectFrom('recordings')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .execute();
      const ids = recordings.map((r) => r.id);
      const related: Record<string, Row[]> = {};
      for (const t of (await relatedTables()).sort((x, y) => x.name.localeCompare(y.name))) {
        const ofRecordings = ids.length ? sql`recording_id IN (${sql.join(ids)})` : sql`FALSE`;
        const belongs = [
          ...(t.columns.has('session_id') ? [sql`session_id = ${sessionId}`] : []),
          ...(t.columns.has('recording_id') ? [ofRecordings] : []),
        ];
        // A row of the session that names a recording left out (in the trash) stays out with it.
        const kept = t.columns.has('recording_id')
          ? sql`AND (recording_id IS NULL OR ${ofRecordings})`
          : sql``;
        const { rows } = await sql<Row>`SELECT * FROM ${sql.table(t.name)}
          WHERE (${sql.join(belongs, sql` OR `)}) ${kept}`.execute(db);
        if (rows.length) related[t.name] = rows;
      }
      return { patient, session, recordings, related };
    },

    async write(rows) {
      const sessionId = rows.session.id;
      const recordingIds = new Set(rows.recordings.map((r) => r.id));
      const tables = new Map((await relatedTables()).map((t) => [t.name, t]));
      const coreColumns = async (name: string): Promise<ReadonlySet<string>> =>
        new Set(
          (await db.introspection.getTables())
            .find((t) => t.name === name && !t.isView)
            ?.columns.map((c) => c.name),
        );
      const insert = async (table: string, columns: ReadonlySet<string>, row: Row): Promise<void> => {
        const cols = Object.keys(row).filter((c) => columns.has(c));
        await sql`INSERT INTO ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))})
          VALUES (${sql.join(cols.map((c) => row[c]))})`.execute(db);
      };
      const patientId = String(rows.session.patient_id);
      const known = await db
        .selectFrom('patients')
        .select('id')
        .where('id', '=', patientId)
        .executeTakeFirst();
      if (!known) await insert('patients', await coreColumns('patients'), rows.patient);
      await insert('sessions', await coreColumns('sessions'), rows.session);
      const recordingColumns = await coreColumns('recordings');
      for (const r of rows.recordings) await insert('recordings', recordingColumns, r);
      // Only rows of this session may come in: an archive cannot write elsewhere in the library.
      for (const [table, tableRows] of Object.entries(rows.related))
        for (const row of tableRows) {
          if (!tables.has(table)) continue;
          const ours =
            row.session_id === sessionId ||
            (typeof row.recording_id === 'string' && recordingIds.has(row.recording_id));
          if (!ours) throw new ForeignRowError(table);
        }
      // Each table after those its keys name (a take before its clips): keys are checked as rows
      // are written on PostgreSQL, not at commit.
      for (const table of await insertOrder(db, [...tables.keys()])) {
        const t = tables.get(table)!;
        for (const row of rows.related[table] ?? []) await insert(table, t.columns, row);
      }
    },
  };
}

/** `tables`, each after the others of them that its foreign keys name. */
async function insertOrder(db: Kysely<Database>, tables: readonly string[]): Promise<string[]> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const deps = new Map<string, string[]>();
  for (const t of tables) {
    const { rows } = pg
      ? await sql<{ parent: string }>`SELECT confrelid::regclass::text AS parent FROM pg_constraint
          WHERE contype = 'f' AND conrelid = ${t}::regclass`.execute(db)
      : await sql<{ parent: string }>`SELECT "table" AS parent FROM pragma_foreign_key_list(${t})`.execute(
          db,
        );
    deps.set(
      t,
      rows.map((r) => r.parent.replace(/^"|"$/g, '')).filter((p) => p !== t && tables.includes(p)),
    );
  }
  const order: string[] = [];
  const visit = (t: string, path: readonly string[]): void => {
    if (order.includes(t) || path.includes(t)) return;
    for (const d of deps.get(t) ?? []) visit(d, [...path, t]);
    order.push(t);
  };
  for (const t of [...tables].sort()) visit(t, []);
  return order;
}
