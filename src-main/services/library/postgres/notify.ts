import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/**
 * News between workstations of one clinic server (issue 17: lists refresh when another workstation
 * changes something). Each workstation process LISTENs on one channel and NOTIFYs it when it emits
 * an event other workstations' pages care about; a notification is delivered to every listening
 * session when the sending transaction commits (https://www.postgresql.org/docs/current/sql-notify.html),
 * so a workstation that hears "patient changed" and reloads reads the change. Only ids and kinds
 * travel (what `library:changed` already carries), never a patient's details.
 *
 * The listener keeps one of the pool's connections for itself (never released, so never handed to a
 * query that would end the LISTEN). When that connection drops, it takes another and says so
 * (`onReconnect`), since whatever changed meanwhile was not heard: the pages then reload everything.
 */
const CHANNEL = 'stridelab_changes';
/** PostgreSQL refuses a payload of 8000 bytes or more; ours are a few dozen. */
const MAX_PAYLOAD = 7900;

export interface Relayed {
  readonly event: string;
  readonly payload: unknown;
}

export interface ChangeRelay {
  /** Tell the other workstations (not this one: it has told its own pages already). */
  publish(event: string, payload: unknown): void;
  close(): Promise<void>;
}

export interface RelayOptions {
  readonly pool: pg.Pool;
  /** An event another workstation published. */
  readonly onEvent: (message: Relayed) => void;
  /** The listening connection came back after a drop: news may have been missed. */
  readonly onReconnect: () => void;
  /** Wait before reconnecting (default 2 s). */
  readonly retryMs?: number;
}

export async function startChangeRelay(options: RelayOptions): Promise<ChangeRelay> {
  /** This process, so that it does not act on its own news. */
  const origin = randomBytes(8).toString('hex');
  let closed = false;
  let client: pg.PoolClient | undefined;
  let retry: NodeJS.Timeout | undefined;

  const onNotification = (msg: pg.Notification): void => {
    if (msg.channel !== CHANNEL || !msg.payload) return;
    try {
      const m = JSON.parse(msg.payload) as { origin?: string; event?: string; payload?: unknown };
      if (m.origin === origin || typeof m.event !== 'string') return;
      options.onEvent({ event: m.event, payload: m.payload });
    } catch {
      // not ours
    }
  };

  const connect = async (): Promise<void> => {
    const c = await options.pool.connect();
    c.on('notification', onNotification);
    // A dropped connection is an 'error' then an 'end'; take another once, on 'end'.
    c.on('error', () => undefined);
    c.on('end', () => {
      if (closed || client !== c) return;
      client = undefined;
      c.release(true);
      schedule();
    });
    try {
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      c.release(true);
      throw err;
    }
    client = c;
  };
  const schedule = (): void => {
    retry = setTimeout(() => {
      connect().then(
        () => (closed ? client?.release(true) : options.onReconnect()),
        () => (closed ? undefined : schedule()),
      );
    }, options.retryMs ?? 2000);
    retry.unref();
  };

  await connect();
  return {
    publish(event, payload) {
      if (closed) return;
      const text = JSON.stringify({ origin, event, payload });
      if (Buffer.byteLength(text) > MAX_PAYLOAD) return;
      // News, not data: a workstation out of reach for a moment misses one refresh, and the pages
      // still show the change at their next load.
      options.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, text]).catch(() => undefined);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      // Destroyed, not returned: a connection still LISTENing must not serve queries.
      c?.release(true);
    },
  };
}

/**
 * Tell every listening workstation about changes made by a process that does not listen itself (a
 * `stridelab import --db` at a workstation's command line). One round trip; news, not data, so a
 * failure is swallowed as `publish` does.
 */
export async function announceChanges(pool: pg.Pool, messages: readonly Relayed[]): Promise<void> {
  const origin = `cli-${randomBytes(8).toString('hex')}`;
  for (const m of messages) {
    const text = JSON.stringify({ origin, event: m.event, payload: m.payload });
    if (Buffer.byteLength(text) > MAX_PAYLOAD) continue;
    await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, text]).catch(() => undefined);
  }
}
