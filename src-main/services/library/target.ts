import { resolve } from 'node:path';
import { ServiceError } from '../errors';
import { openLibrary, type Library } from './db';
import { resolveDatabaseTarget, type ServerTarget } from './postgres/config';
import { isServerMode, openServerMode, workstationName } from './server-mode';

/**
 * Which library a StrideLab process works on, chosen the same way by every door into it (`stridelab
 * serve`, `import`, `analyze`, `progress`, the Electron shell): the embedded library in `--home`, or a
 * workstation of the clinic server (docs/clinic-server.md) when `--db postgres://…` or $STRIDELAB_DB
 * names one, with its shared media folder (`--media` or $STRIDELAB_MEDIA) and this workstation's
 * name (`--workstation`, $STRIDELAB_WORKSTATION, else the computer's). Checked before anything is
 * opened, so a half-given server setting is refused in words rather than quietly falling back to a
 * library of this PC's own, where the PT's work would not reach the other rooms.
 */
export type LibraryConfig =
  | { readonly backend: 'sqlite'; readonly home: string }
  | {
      readonly backend: 'postgres';
      /** This workstation's own folder (exports, browser profile): never the clinic's rows. */
      readonly home: string;
      readonly target: ServerTarget;
      readonly mediaDir: string;
      readonly workstation: string;
    };

export interface LibraryChoice {
  readonly home: string;
  readonly db?: string;
  readonly media?: string;
  readonly workstation?: string;
}

const invalid = (message: string, field: string): ServiceError =>
  new ServiceError('invalid-input', message, field);

/** Throws a ServiceError ('invalid-input', in the clinic's words) on a setting that cannot work. */
export function resolveLibraryConfig(
  given: LibraryChoice,
  env: NodeJS.ProcessEnv = process.env,
): LibraryConfig {
  const target = resolveDatabaseTarget(given.db !== undefined ? ['--db', given.db] : [], env);
  const home = resolve(given.home);
  if (target.backend === 'sqlite') {
    // Explicit flags only: $STRIDELAB_MEDIA may be set for the whole PC and mean nothing without a server.
    if (given.media !== undefined)
      throw invalid(
        "--media names the clinic's shared media folder, which goes with a clinic server: give --db postgres://… too, or leave --media out to use this PC's own library.",
        'media',
      );
    if (given.workstation !== undefined)
      throw invalid(
        "--workstation names this PC among the clinic server's workstations: give --db postgres://… too.",
        'workstation',
      );
    return { backend: 'sqlite', home };
  }
  const media = (given.media ?? env.STRIDELAB_MEDIA ?? '').trim();
  if (!media)
    throw invalid(
      "With a clinic server (--db), name the clinic's shared media folder as this PC reaches it: --media DIR (or STRIDELAB_MEDIA).",
      'media',
    );
  return {
    backend: 'postgres',
    home,
    target,
    mediaDir: resolve(media),
    workstation: workstationName(given.workstation, env),
  };
}

/** The library the configuration names; an unreachable server or share is a ServiceError in words. */
export async function openConfiguredLibrary(config: LibraryConfig): Promise<Library> {
  if (config.backend === 'sqlite') return openLibrary(config.home);
  return openServerMode({
    target: config.target,
    mediaDir: config.mediaDir,
    home: config.home,
    workstation: config.workstation,
  });
}

/** Close, and on a server wait until the connections are handed back (a CLI exits right after). */
export async function closeLibrary(library: Library): Promise<void> {
  if (isServerMode(library)) await library.server.close().catch(() => undefined);
  else library.close();
}

/** Where the library is, for one line of output: the folder, or the server and the share. */
export function describeLibrary(config: LibraryConfig): string {
  return config.backend === 'sqlite'
    ? `the library in ${config.home}`
    : `the clinic server ${config.target.display} (media in ${config.mediaDir}, workstation "${config.workstation}")`;
}
