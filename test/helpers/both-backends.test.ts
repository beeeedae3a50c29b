import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOTH_BACKENDS } from '../../vitest.config';

/**
 * A file listed to run on both backends must open its library through openTestServices: one that
 * calls createServices or openLibrary itself would run its second time on SQLite again and pass
 * without saying so. Reads source files only (default project).
 */
const ROOT = join(import.meta.dirname, '..', '..');

describe('files run on both backends', () => {
  it.each(BOTH_BACKENDS)('%s opens its services on the run’s backend', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    // openTestServices, or captureLibrary (test/capture/helpers.ts), which is built on it.
    expect(text).toMatch(/\bopenTestServices\(|\bcaptureLibrary\(/);
    expect(text).not.toMatch(/\bcreateServices\(|\bopenLibrary\(|\btempLibrary\(|\.library\.db\b/);
  });
});
