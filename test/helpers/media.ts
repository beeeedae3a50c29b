import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real clips of ../shared/media (SOURCES.md there). CI clones the repo with shared/ beside it;
 * developers' checkouts sit at /work/main with /work/shared. $STRIDELAB_MEDIA overrides both.
 */
function findSharedMedia(): string {
  const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const candidates = [process.env.STRIDELAB_MEDIA, join(repo, '..', 'shared', 'media'), '/work/shared/media'];
  const found = candidates.find((c): c is string => Boolean(c) && existsSync(join(c!, 'SOURCES.md')));
  if (!found) {
    throw new Error(
      `The shared test clips are missing: looked in ${candidates.filter(Boolean).join(', ')}. Set STRIDELAB_MEDIA.`,
    );
  }
  return found;
}

export const SHARED_MEDIA = findSharedMedia();
