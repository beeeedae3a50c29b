import { resolve } from 'node:path';
import { resolveHome } from '../../home';
import { ServiceError } from '../../services/errors';
import { moveLibraryToServer } from '../../services/library/move-to-server';
import { parseServerAddress } from '../../services/library/postgres/config';
import { parseCommand, usageError as cmdUsageError } from '../args';

/**
 * `stridelab library migrate --to postgres://… --media DIR [--home DIR]`: move this PC's library to
 * the clinic server (docs/clinic-server.md): every clip into the shared media folder, every row into
 * the server, both checked (counts and SHA-256), the library here left as it was. Prints what was
 * moved and checked, table by table. Exit codes: 0 moved and verified, 1 refused or a check failed,
 * 2 wrong usage.
 */
export const USAGE = `Usage: stridelab library migrate --to postgres://USER@HOST[:PORT]/DATABASE --media DIR [--home DIR]
  Copies the library in DIR (default: $STRIDELAB_HOME, else your user data folder) to the clinic's
  PostgreSQL server (an empty StrideLab database) and its clips to the shared media folder (empty),
  then checks every row and file. The library here is only read, and left as it was.
  The password: $STRIDELAB_DB_PASSWORD, $PGPASSWORD or a private password file (docs/clinic-server.md).`;

const CMD = { name: 'library', usage: USAGE } as const;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, CMD, {
    home: { type: 'string' },
    to: { type: 'string' },
    media: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const [action, extra] = parsed.positionals;
  if (action !== 'migrate') return cmdUsageError(CMD, 'say migrate.');
  if (extra !== undefined) return cmdUsageError(CMD, `unexpected argument "${extra}".`);
  const { to, media } = parsed.values;
  if (!to) return cmdUsageError(CMD, 'give the server with --to postgres://….');
  if (!media) return cmdUsageError(CMD, 'give the shared media folder with --media.');
  let target;
  try {
    target = parseServerAddress(to);
  } catch (err) {
    return cmdUsageError(CMD, err instanceof Error ? err.message : String(err));
  }
  const home = resolveHome(argv);
  try {
    const report = await moveLibraryToServer({ home, target, mediaDir: resolve(media) });
    const out = (s: string): boolean => process.stdout.write(`${s}\n`);
    out(`Moved the library in ${home} to ${report.server}:`);
    for (const t of report.tables)
      out(
        `  ${t.table.padEnd(22)} ${String(t.rows).padStart(8)} rows  ${t.matches ? 'checked' : 'DIFFERENT on the server'}`,
      );
    out(
      `  media files ${String(report.files).padStart(19)} (${report.bytes} bytes)  ${report.badFiles.length === 0 ? 'checked (SHA-256)' : `${report.badFiles.length} DIFFERENT: ${report.badFiles.join(', ')}`}`,
    );
    out(
      report.ok
        ? 'Every row and file is on the server as it is here.'
        : 'The copy is not complete: do not use the server library yet.',
    );
    return report.ok ? 0 : 1;
  } catch (err) {
    process.stderr.write(`stridelab library: ${err instanceof ServiceError ? err.message : String(err)}\n`);
    return 1;
  }
}
