/**
 * A child program for restore.faults.test.ts: a StrideLab process that restores a library from a
 * backup file, as the app's "Restore" does (the CLI has no restore command), so that the test can
 * kill it mid-restore. Start-up is the CLI's: sweep what dead processes left, take a scratch folder.
 */
import { startCliProcess } from '../../src-main/cli/process';
import { openLibrary } from '../../src-main/services/library/db';
import { restoreLibrary } from '../../src-main/services/media/backup';

const [home, backup] = process.argv.slice(2) as [string, string];
startCliProcess();
const library = openLibrary(home);
try {
  await restoreLibrary(library, backup, 'backup');
  process.stdout.write('restored\n');
} finally {
  library.close();
}
