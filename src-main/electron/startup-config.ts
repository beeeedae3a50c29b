import { readFileSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { resolveHome } from '../home';
import { ServiceError } from '../services/errors';
import { passwordFileCandidates } from '../services/library/postgres/config';
import { resolveLibraryConfig, type LibraryChoice, type LibraryConfig } from '../services/library/target';

/**
 * Which library the Electron shell opens (issue 17, docs/clinic-server.md), as `stridelab serve`
 * chooses it: the command line (--db, --media, --workstation, --home), else $STRIDELAB_DB,
 * $STRIDELAB_MEDIA, $STRIDELAB_WORKSTATION, else the clinic settings file `clinic-server.json` in
 * the app's user-data folder, which whoever sets up the clinic's PCs puts there once so that the PT
 * only double-clicks StrideLab:
 *
 *   { "db": "postgres://stridelab@clinic-server/stridelab",
 *     "media": "/mnt/clinic/stridelab-media", "workstation": "room 2" }
 *
 * No file and no setting: the PC's own library, as before. The settings are checked before anything
 * opens and refused in words: a password in the file's address (the password lives in the private
 * password file or the environment, never in StrideLab's folders), a password file kept inside the
 * library folder, a file that is not this shape. Plain Node, no Electron: tested as such.
 */
export const SETTINGS_FILE = 'clinic-server.json';

export interface ShellInput {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** app.getPath('userData'). */
  readonly userData: string;
}

const refuse = (message: string, field = 'db'): ServiceError =>
  new ServiceError('invalid-input', message, field);

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

type Settings = { db?: string; media?: string; workstation?: string };

function readSettings(file: string): Settings | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw refuse(`StrideLab cannot read its clinic settings "${file}". Check that this user may read it.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw refuse(
      `The clinic settings "${file}" are not readable (not JSON). Fix or remove the file; docs/clinic-server.md shows its form.`,
    );
  }
  const known = ['db', 'media', 'workstation'];
  if (
    typeof raw !== 'object' ||
    raw === null ||
    Array.isArray(raw) ||
    Object.entries(raw).some(([k, v]) => !known.includes(k) || typeof v !== 'string')
  )
    throw refuse(
      `The clinic settings "${file}" may hold only "db", "media" and "workstation", each as text. Fix the file; docs/clinic-server.md shows its form.`,
    );
  return raw as Settings;
}

const inside = (child: string, parent: string): boolean => {
  const r = relative(resolve(parent), resolve(child));
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/** The library the shell opens; a setting that cannot work is a ServiceError in the clinic's words. */
export function shellLibraryConfig(input: ShellInput): LibraryConfig {
  const { argv, env } = input;
  const settingsFile = join(input.userData, SETTINGS_FILE);
  const fromArgs = flag(argv, 'db');
  const fromEnv = env.STRIDELAB_DB?.trim() ? env.STRIDELAB_DB : undefined;
  const settings = fromArgs === undefined && fromEnv === undefined ? readSettings(settingsFile) : undefined;
  if (settings?.db) {
    let password = '';
    try {
      password = new URL(settings.db).password;
    } catch {
      // resolveLibraryConfig says what is wrong with the address
    }
    if (password)
      throw refuse(
        `The clinic server's address in "${settingsFile}" holds a password. StrideLab never keeps passwords in its folders: remove it from the address and put it in this user's private password file (docs/clinic-server.md, "The password").`,
      );
  }
  const home = resolveHome(argv, env, input.userData);
  const choice: LibraryChoice = {
    home,
    ...((fromArgs ?? settings?.db) !== undefined ? { db: (fromArgs ?? settings?.db)! } : {}),
    ...((flag(argv, 'media') ?? settings?.media) !== undefined
      ? { media: (flag(argv, 'media') ?? settings?.media)! }
      : {}),
    ...((flag(argv, 'workstation') ?? settings?.workstation) !== undefined
      ? { workstation: (flag(argv, 'workstation') ?? settings?.workstation)! }
      : {}),
  };
  const config = resolveLibraryConfig(choice, env);
  if (config.backend === 'postgres') {
    const passfile = passwordFileCandidates(env).find((f) => inside(f, home));
    if (passfile)
      throw refuse(
        `The password file for the clinic server ("${passfile}") is inside the library folder, where backups and copies of the folder would carry it. Keep it in this user's config folder instead (docs/clinic-server.md, "The password").`,
      );
    if (inside(config.mediaDir, home) || inside(home, config.mediaDir))
      throw refuse(
        `The clinic's shared media folder and this workstation's own folder ("${home}") must be apart: one inside the other would mix this PC's files with the clinic's.`,
        'media',
      );
  }
  return config;
}

/** What the start-up dialog says when the library cannot be opened: a title and the reason. */
export function startupFailure(
  err: unknown,
  config: LibraryConfig | undefined,
): { title: string; detail: string } {
  const reason =
    err instanceof ServiceError ? err.message : `Unexpected error: ${(err as Error)?.message ?? String(err)}`;
  if (config?.backend === 'postgres')
    return {
      title: "StrideLab cannot open the clinic's library",
      detail: `${reason}\n\nThis workstation ("${config.workstation}") uses the clinic server ${config.target.display} and the shared media folder ${config.mediaDir}. Whoever looks after the clinic's computers can check both (docs/clinic-server.md).`,
    };
  return { title: 'StrideLab cannot start', detail: reason };
}
