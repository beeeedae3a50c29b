import type { Migration } from './types';
import { migration as m0001 } from './0001-initial';

/** Every migration, in order. Add a file `000N-name.ts` and one line here. */
export const migrations: readonly Migration[] = [m0001];

export const LATEST_SCHEMA_VERSION = migrations.length;
