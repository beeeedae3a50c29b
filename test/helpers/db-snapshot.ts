import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

/**
 * A digest of every row of every table, in a stable order: two equal digests mean the database
 * content is unchanged (used to prove that refused input changes nothing).
 */
export function dbDigest(db: Database.Database): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(`table ${name}\n`);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all())
      hash.update(`${JSON.stringify(row)}\n`);
  }
  hash.update(`user_version ${String(db.pragma('user_version', { simple: true }))}`);
  return hash.digest('hex');
}
