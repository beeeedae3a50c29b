import type Database from 'better-sqlite3';

/** One numbered schema step (house style 4: one migration per file, each with its own test). */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
