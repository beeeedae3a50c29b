import { symptomsMigration } from '../../progress/symptoms-migration';

/** The patient's own story per session: pain, weekly volume, return-to-run stage (schema beside the progress service). */
export const migration = symptomsMigration(9);
