import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for one test run: `initdb` on a temporary folder, the server on a
 * free loopback port, stopped and deleted at the end. Debian's `postgresql` package (scripts/install.sh)
 * keeps its binaries in /usr/lib/postgresql/<major>/bin, off PATH, so they are looked for there.
 *
 * The server never runs as root (PostgreSQL refuses to): when the tests run as root, as CI does,
 * initdb and the server run as the `postgres` user Debian's package creates (else `nobody`), through
 * util-linux `setpriv`. The server is started directly (not through pg_ctl, which detaches it) with
 * `--pdeathsig KILL`, so the kernel kills it the moment the test runner dies, however it dies; its
 * backends notice the postmaster is gone and exit. A folder left by a killed run is removed by the
 * next run's `sweepStaleClusters`.
 */

/** What a test needs to reach the cluster. */
export interface ClusterInfo {
  /** postgres://admin:password@127.0.0.1:port/postgres: a superuser, for creating test databases. */
  readonly adminUrl: string;
  readonly port: number;
  readonly dataDir: string;
  readonly binDir: string;
  /**
   * The server's self-signed certificate (CN localhost, for 127.0.0.1 and localhost), to pass as
   * sslrootcert; null when openssl is missing and the cluster runs without TLS. Connections may be
   * plain or TLS, except to a database named `tls_only`, which refuses plain ones (pg_hba `hostnossl
   * … reject`), as a clinic server that asks for TLS does.
   */
  readonly caFile: string | null;
}

export interface PgCluster extends ClusterInfo {
  stop(): Promise<void>;
}

const PREFIX = 'stridelab-pg-';
const ADMIN = 'stridelab_admin';

/** The folder holding initdb and postgres: $STRIDELAB_PG_BIN, Debian's newest, or PATH. Null if none. */
export function pgBinDir(): string | null {
  const fromEnv = process.env.STRIDELAB_PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : null;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v) && existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    const newest = majors[0];
    if (newest) return join(debian, newest, 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.status === 0 ? which.stdout.trim() : '';
  return found ? dirname(found) : null;
}

/** The unprivileged account the server runs as when we are root; null when we are not root. */
function serverAccount(): { uid: number; gid: number; name: string } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (id.status === 0 && gid.status === 0)
      return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error(
    'Running as root and neither a "postgres" nor a "nobody" account exists to run PostgreSQL as.',
  );
}

/** `bin args` as the server account (when root), dying with this process. */
function command(
  bin: string,
  args: string[],
  account: ReturnType<typeof serverAccount>,
  dieWithUs: boolean,
): [string, string[]] {
  const sp = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
  const pre: string[] = [];
  if (account) {
    if (!sp) throw new Error('Running as root needs util-linux setpriv to start PostgreSQL as another user.');
    pre.push('--reuid', String(account.uid), '--regid', String(account.gid), '--clear-groups');
  }
  if (dieWithUs && sp && process.platform === 'linux') pre.push('--pdeathsig', 'KILL');
  return pre.length > 0 && sp ? [sp, [...pre, '--', bin, ...args]] : [bin, args];
}

/** A self-signed certificate and its key for the server (the key private to the server's account). */
function makeCertificate(dir: string, account: ReturnType<typeof serverAccount>): string | null {
  const crt = join(dir, 'server.crt');
  const key = join(dir, 'server.key');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      crt,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) return null;
  chmodSync(key, 0o600);
  if (account) {
    chownSync(key, account.uid, account.gid);
    chownSync(crt, account.uid, account.gid);
  }
  return crt;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Is `pid` a live process (not a zombie)? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * Remove the clusters of earlier runs whose test runner is gone (killed before its teardown): kill
 * their server if it somehow survived (only a process whose command line names that folder), then
 * delete the folder.
 */
export function sweepStaleClusters(root = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(root).filter((n) => n.startsWith(PREFIX));
  } catch {
    return removed;
  }
  for (const n of names) {
    const dir = join(root, n);
    let owner = 0;
    try {
      owner = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
    } catch {
      // no note: a run killed before writing it, or not ours; judged by age below
    }
    if (owner > 0 ? alive(owner) : Date.now() - statSync(dir).mtimeMs < 10 * 60_000) continue;
    try {
      const pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (pid > 0 && cmdline.includes(dir)) process.kill(pid, 'SIGKILL');
    } catch {
      // no server left
    }
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/** Start a fresh cluster. Options are for the harness's own tests. */
export async function startPgCluster(
  options: { root?: string; log?: (line: string) => void; tls?: boolean } = {},
): Promise<PgCluster> {
  const binDir = pgBinDir();
  if (!binDir)
    throw new Error(
      'PostgreSQL is not installed (no initdb found). Run scripts/install.sh, or set STRIDELAB_PG_BIN.',
    );
  const root = options.root ?? tmpdir();
  sweepStaleClusters(root);
  const account = serverAccount();
  const dir = mkdtempSync(join(root, PREFIX));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  const dataDir = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (account) {
    chownSync(dir, account.uid, account.gid);
    chownSync(pwfile, account.uid, account.gid);
  }
  let server: ChildProcess | undefined;
  const cleanup = async (): Promise<void> => {
    if (server && !(await waitForExit(server, 0))) {
      // SIGQUIT: immediate shutdown; the data is thrown away anyway.
      server.kill('SIGQUIT');
      if (!(await waitForExit(server, 10_000))) {
        server.kill('SIGKILL');
        await waitForExit(server, 5_000);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Password authentication on TCP (as a clinic's server would ask), trust on the socket only.
    const [initCmd, initArgs] = command(
      join(binDir, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        ADMIN,
        `--pwfile=${pwfile}`,
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ],
      account,
      true,
    );
    const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
    rmSync(pwfile);
    writeFileSync(
      join(dataDir, 'pg_hba.conf'),
      [
        'local all all trust',
        'hostnossl tls_only all 127.0.0.1/32 reject',
        'host all all 127.0.0.1/32 scram-sha-256',
        'host all all ::1/128 scram-sha-256',
        '',
      ].join('\n'),
    );
    const caFile = options.tls === false ? null : makeCertificate(dir, account);
    const tlsArgs = caFile
      ? [
          '-c',
          'ssl=on',
          '-c',
          `ssl_cert_file=${join(dir, 'server.crt')}`,
          '-c',
          `ssl_key_file=${join(dir, 'server.key')}`,
        ]
      : [];
    let lastError = '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freePort();
      const [cmd, args] = command(
        join(binDir, 'postgres'),
        // A test cluster: no durability needed (fsync off, as the PostgreSQL docs' "Non-Durable
        // Settings" suggest for throwaway data), socket in its own folder, loopback only.
        [
          '-D',
          dataDir,
          '-p',
          String(port),
          '-k',
          dir,
          '-h',
          '127.0.0.1',
          '-c',
          'fsync=off',
          '-c',
          'synchronous_commit=off',
          '-c',
          'full_page_writes=off',
          '-c',
          'max_connections=200',
          ...tlsArgs,
        ],
        account,
        true,
      );
      const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      server = child;
      let log = '';
      const ready = await new Promise<boolean>((resolve) => {
        child.stderr!.on('data', (b: Buffer) => {
          log += b.toString();
          options.log?.(b.toString());
          if (log.includes('ready to accept connections')) resolve(true);
        });
        child.once('exit', () => resolve(false));
        child.once('error', () => resolve(false));
      });
      if (ready) {
        child.stderr!.resume();
        return {
          adminUrl: `postgres://${ADMIN}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
          port,
          dataDir,
          binDir,
          caFile,
          stop: cleanup,
        };
      }
      lastError = log;
      // A port taken between freePort() and the bind: try another.
      if (!/could not bind|Address already in use/.test(log)) break;
    }
    throw new Error(`PostgreSQL did not start: ${lastError}`);
  } catch (err) {
    await cleanup();
    throw err;
  }
}
