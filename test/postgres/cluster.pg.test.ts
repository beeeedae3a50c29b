import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { openServerLibrary } from '../../src-main/services/library/postgres/open';
import { startPgCluster, sweepStaleClusters } from '../helpers/postgres-cluster';
import { tempDir } from '../helpers/tmp';

/** The harness leaves no server and no folder behind: stopped normally, or its owner killed. */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};
const serverPid = (dataDir: string): number =>
  Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
    if (check()) return true;
  return check();
}

describe('PostgreSQL test clusters', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  // As root the server runs as `postgres`, which must be able to reach the folder.
  const root = (): ReturnType<typeof tempDir> => {
    const dir = tempDir('stridelab-pgroot-');
    chmodSync(dir.path, 0o755);
    dirs.push(dir);
    return dir;
  };

  it('stop() ends the server and deletes its folder', async () => {
    const cluster = await startPgCluster({ root: root().path, tls: false });
    const pid = serverPid(cluster.dataDir);
    expect(alive(pid)).toBe(true);
    // A server without TLS, as a small clinic's may be: sslmode=prefer (the default) falls back to
    // plain, require refuses in words.
    const url = new URL(cluster.adminUrl);
    const env = { STRIDELAB_DB_PASSWORD: decodeURIComponent(url.password) };
    url.password = '';
    const plain = await openServerLibrary(parseServerAddress(url.toString(), env), { migrate: false });
    expect(plain.tls).toBe(false);
    await plain.close();
    url.searchParams.set('sslmode', 'require');
    await expect(openServerLibrary(parseServerAddress(url.toString(), env))).rejects.toThrow(
      /does not offer encrypted connections/,
    );
    await cluster.stop();
    expect(alive(pid)).toBe(false);
    expect(readdirSync(join(cluster.dataDir, '..', '..'))).toEqual([]);
  });

  it('a test runner killed with SIGKILL takes its server along; the next run removes the folder', async () => {
    const dir = root();
    const owner = spawn('npx', ['tsx', 'test/postgres/cluster-owner.ts', dir.path], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      owner.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      owner.once('exit', (code) => reject(new Error(`owner exited ${code}`)));
    });
    const { dataDir } = JSON.parse(line) as { dataDir: string };
    const pid = serverPid(dataDir);
    expect(alive(pid)).toBe(true);
    // npx → node (tsx): kill the whole group, as a CI timeout or an OOM kill would end the runner.
    process.kill(-owner.pid!, 'SIGKILL');
    expect(await until(() => !alive(pid), 10_000)).toBe(true);
    expect(existsSync(dataDir)).toBe(true);
    expect(sweepStaleClusters(dir.path)).toEqual([join(dataDir, '..')]);
    expect(readdirSync(dir.path)).toEqual([]);
  }, 120_000);
});
