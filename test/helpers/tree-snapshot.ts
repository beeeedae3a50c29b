import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every entry under `root` with its kind, mode and content hash (files), sorted: two equal snapshots
 * mean nothing in the folder was created, removed or changed, byte for byte.
 */
export function treeSnapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isDirectory()) {
        out[r] = `dir ${st.mode.toString(8)}`;
        walk(p, r);
      } else if (st.isSymbolicLink()) out[r] = `link ${readlinkSync(p)}`;
      else
        out[r] =
          `file ${st.mode.toString(8)} ${st.size} ` +
          createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(root, '');
  return out;
}
