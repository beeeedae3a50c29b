import type { Migration } from './types';
import { migration as m0001 } from './0001-initial';
import { migration as m0002 } from './0002-recordings';
import { migration as m0003 } from './0003-review';
import { migration as m0004 } from './0004-capture';
import { migration as m0005 } from './0005-report-edits';
import { migration as m0006 } from './0006-sync';
import { migration as m0007 } from './0007-analysis-jobs';
import { migration as m0008 } from './0008-event-edits';
import { migration as m0009 } from './0009-session-symptoms';
import { migration as m0010 } from './0010-markers';
import { migration as m0011 } from './0011-edit-versions';
import { migration as m0012 } from './0012-analysis-job-leases';
import { migration as m0013 } from './0013-analysis-job-early-cancel';
import { migration as m0014 } from './0014-session-conditions';
import { migration as m0015 } from './0015-analysis-job-outcome';

/** Every migration, in order. Add a file `000N-name.ts` and one line here. */
export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
];

export const LATEST_SCHEMA_VERSION = migrations.length;
