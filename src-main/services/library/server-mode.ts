import { mkdirSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { postgresDataLayer } from '../../data/postgres';
import { plainFsError, ServiceError } from '../errors';
import { sweepStaleScratch } from '../media/landing';
import { libraryPaths, type Library } from './db';
import type { ServerTarget } from './postgres/config';
import { openServerLibrary, type ServerLibrary } from './postgres/open';

/**
 * A workstation of a clinic server (issue 17, docs/clinic-server.md): the library's rows on the
 * PostgreSQL server, its clips in the shared media folder, and this workstation's own things
 * (exports, its browser profile) in its local `--home`. Everything the services reach through
 * `Library` works the same; only the embedded connection (`db`) is absent, and what still asks for it
 * (the parts not yet on the data layer, issue 17 item 1) says plainly that it does not work with a
 * clinic server yet.
 *
 * Scratch work (imports being built, takes being recorded) goes to a folder of this workstation's
 * inside the shared folder: on the same file system as the clips, so an import lands with a rename,
 * and apart from other workstations', so none sweeps another's work in progress. The orphan sweep
 * walks only clip folders (named by ids), never this one.
 */
export interface ServerModeLibrary extends Library {
  readonly backend: 'postgres';
  readonly server: ServerLibrary;
  /** This workstation's name, as other workstations' messages show it ("changed in room 2 …"). */
  readonly workstation: string;
}

export interface ServerModeOptions {
  readonly target: ServerTarget;
  /** The shared media folder, as every workstation reaches it. */
  readonly mediaDir: string;
  /** This workstation's own folder (exports, backups of its settings). */
  readonly home: string;
  /** Default: $STRIDELAB_WORKSTATION, else the computer's name. */
  readonly workstation?: string;
}

export function isServerMode(library: Library): library is ServerModeLibrary {
  return (library as Partial<ServerModeLibrary>).backend === 'postgres';
}

/** The workstation's name: --workstation, $STRIDELAB_WORKSTATION, else the computer's name. */
export function workstationName(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const name = (given ?? env.STRIDELAB_WORKSTATION ?? '').trim() || hostname();
  return name.slice(0, 64);
}

/**
 * Whose save this is, as other workstations' conflict messages name it ("changed in room 2"): the
 * workstation's name on a clinic server; the computer's (or $STRIDELAB_WORKSTATION) on a single PC.
 */
export function editorOf(library: Library): string {
  return isServerMode(library) ? library.workstation : workstationName(undefined);
}

/** A folder name for the workstation: letters, digits, dash and underscore. */
const folderName = (name: string): string => name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 48) || 'ws';

export async function openServerMode(options: ServerModeOptions): Promise<ServerModeLibrary> {
  const workstation = workstationName(options.workstation);
  const local = libraryPaths(options.home);
  const scratch = join(options.mediaDir, '.stridelab-tmp', folderName(workstation));
  try {
    mkdirSync(options.home, { recursive: true });
  } catch (err) {
    throw plainFsError(err, `this workstation's folder "${options.home}"`);
  }
  const shared = `the clinic's shared media folder "${options.mediaDir}"`;
  // The shared folder must be there already (mounted): creating it here would hide a share that is
  // not mounted behind an empty local folder, and every clip would then seem missing.
  let isFolder = false;
  try {
    isFolder = statSync(options.mediaDir).isDirectory();
  } catch {
    // said below
  }
  if (!isFolder)
    throw new ServiceError(
      'io',
      `StrideLab cannot reach ${shared}. Check that this computer is connected to the clinic's file share, then start StrideLab again. Nothing was changed.`,
      'media',
    );
  try {
    mkdirSync(scratch, { recursive: true });
  } catch (err) {
    throw plainFsError(err, shared);
  }
  // What this workstation's killed imports left (only stale work: media/landing.ts).
  await sweepStaleScratch(scratch).catch(() => undefined);
  const server = await openServerLibrary(options.target);
  const paths = {
    ...local,
    mediaDir: options.mediaDir,
    tmpDir: scratch,
  };
  return {
    backend: 'postgres',
    server,
    workstation,
    get db(): never {
      throw new ServiceError(
        'unsupported',
        'This part of StrideLab does not work with a clinic server yet. Use it on a single-PC library.',
      );
    },
    data: postgresDataLayer(server.pool),
    paths,
    schemaVersion: server.schemaVersion,
    close() {
      void server.close().catch(() => undefined);
    },
  };
}
