import { resolveDatabaseTarget } from '../../services/library/postgres/config';
import { openServerLibrary } from '../../services/library/postgres/open';
import { LATEST_SCHEMA_VERSION } from '../../services/library/migrations';
import { ServiceError } from '../../services/errors';
import { parseCommand, usageError as cmdUsageError } from '../args';

/**
 * `stridelab db check|upgrade --db postgres://…`: for whoever looks after a clinic server
 * (docs/clinic-server.md). `check` connects as a workstation would and says whether the connection is
 * encrypted and where the schema stands, changing nothing; `upgrade` brings the schema to this
 * StrideLab's version (run it as the library's owner role when workstations use a rows-only role).
 * Exit codes: 0 done (check: the schema is current), 1 refused or behind, 2 wrong usage.
 */
export const USAGE = `Usage: stridelab db check|upgrade [--db postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…]]
  The clinic server's address comes from --db, else $STRIDELAB_DB; the password from
  $STRIDELAB_DB_PASSWORD, $PGPASSWORD or a private password file (docs/clinic-server.md).
  check    connect, say whether the connection is encrypted and whether the schema is current
  upgrade  bring the schema to this StrideLab's version (each step in its own transaction)`;

const CMD = { name: 'db', usage: USAGE } as const;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, CMD, { db: { type: 'string' } });
  if (typeof parsed === 'number') return parsed;
  const [action, extra] = parsed.positionals;
  if (action !== 'check' && action !== 'upgrade') return cmdUsageError(CMD, 'say check or upgrade.');
  if (extra !== undefined) return cmdUsageError(CMD, `unexpected argument "${extra}".`);
  let target;
  try {
    target = resolveDatabaseTarget(argv);
  } catch (err) {
    return cmdUsageError(CMD, err instanceof Error ? err.message : String(err));
  }
  if (target.backend !== 'postgres')
    return cmdUsageError(CMD, 'no server given: pass --db postgres://… or set STRIDELAB_DB.');
  try {
    const lib = await openServerLibrary(target, { migrate: action === 'upgrade' });
    await lib.close();
    const tls = lib.tls ? 'encrypted (TLS)' : 'NOT encrypted';
    process.stdout.write(`${lib.display}: connected, ${tls}.\n`);
    const current = lib.schemaVersion === LATEST_SCHEMA_VERSION;
    process.stdout.write(
      current
        ? `Schema ${lib.schemaVersion}: current for this StrideLab.\n`
        : `Schema ${lib.schemaVersion}: this StrideLab uses ${LATEST_SCHEMA_VERSION}; run "stridelab db upgrade" as the library's owner.\n`,
    );
    return current ? 0 : 1;
  } catch (err) {
    process.stderr.write(`stridelab db: ${err instanceof ServiceError ? err.message : String(err)}\n`);
    return 1;
  }
}
