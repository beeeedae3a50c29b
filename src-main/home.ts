import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the library lives: `--home <dir>` wins, then $STRIDELAB_HOME, then the platform's user-data
 * folder (what Electron's app.getPath('userData') gives, so both shells find the same library).
 */
export function resolveHome(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  userDataDir: string = defaultUserData(env),
): string {
  const i = argv.indexOf('--home');
  const flag = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--home='))?.slice('--home='.length);
  if (flag) return resolve(flag);
  if (env.STRIDELAB_HOME) return resolve(env.STRIDELAB_HOME);
  return join(userDataDir, 'library');
}

function defaultUserData(env: NodeJS.ProcessEnv): string {
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'StrideLab');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'StrideLab');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'StrideLab');
  }
}
