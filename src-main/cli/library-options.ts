import { resolveHome } from '../home';
import { resolveLibraryConfig, type LibraryConfig } from '../services/library/target';

/**
 * The options by which a command that works on the library chooses it (docs/clinic-server.md): the
 * same for `serve`, `import`, `analyze` and `progress`, so what works at a workstation's command line
 * works on the clinic server as it does on the PC's own library.
 */
export const LIBRARY_OPTIONS = {
  home: { type: 'string' },
  db: { type: 'string' },
  media: { type: 'string' },
  workstation: { type: 'string' },
} as const;

export const LIBRARY_USAGE = `  --home DIR     the library (default: $STRIDELAB_HOME, else your user data folder); with --db,
                 this workstation's own files only
  --db ADDRESS   the clinic server's library, postgres://USER@HOST/DATABASE (else $STRIDELAB_DB;
                 the password from $STRIDELAB_DB_PASSWORD or a private password file)
  --media DIR    with --db: the clinic's shared media folder (else $STRIDELAB_MEDIA)
  --workstation NAME
                 with --db: this workstation's name as other rooms see it (else
                 $STRIDELAB_WORKSTATION, else the computer's name)`;

export interface LibraryValues {
  readonly home?: string;
  readonly db?: string;
  readonly media?: string;
  readonly workstation?: string;
}

/** The library these options name; a setting that cannot work is a ServiceError in words. */
export function libraryConfigOf(values: LibraryValues, env: NodeJS.ProcessEnv = process.env): LibraryConfig {
  return resolveLibraryConfig(
    {
      home: resolveHome(values.home ? ['--home', values.home] : [], env),
      ...(values.db !== undefined ? { db: values.db } : {}),
      ...(values.media !== undefined ? { media: values.media } : {}),
      ...(values.workstation !== undefined ? { workstation: values.workstation } : {}),
    },
    env,
  );
}
