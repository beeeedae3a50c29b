import type { EventName } from '../../src-shared/contract';
import { createServices, type Services, type ServicesOptions } from './index';
import { startChangeRelay, type ChangeRelay } from './library/postgres/notify';
import type { ServerModeLibrary } from './library/server-mode';

/**
 * The services of a workstation on a clinic server (docs/clinic-server.md): the same services, on
 * the server's library, plus the news between workstations. What one workstation changes reaches
 * the others' pages as the same events their own changes raise, so every list that refreshes on
 * `library:changed` (patients, sessions, clips, the trash) and every clip status that follows
 * `analysis:changed` refreshes for another room's change too (library/postgres/notify.ts).
 */
const RELAYED: ReadonlySet<EventName> = new Set<EventName>(['library:changed', 'analysis:changed']);

export async function createServerServices(
  options: Omit<ServicesOptions, 'library' | 'onEmit'> & { readonly library: ServerModeLibrary },
): Promise<Services> {
  // Events emitted in the moment before the relay listens (an analysis resumed at once) stay this
  // workstation's; the next one of the same kind is relayed.
  let relay: ChangeRelay | undefined;
  const services = createServices({
    ...options,
    onEmit: (m) => {
      if (RELAYED.has(m.event)) relay?.publish(m.event, m.payload);
    },
  });
  try {
    relay = await startChangeRelay({
      pool: options.library.server.pool,
      onEvent: (m) => services.deliver(m),
      // Missed news while the connection was down: every list reloads ('*' is any patient).
      onReconnect: () =>
        services.deliver({ event: 'library:changed', payload: { kind: 'patient', id: '*' } }),
    });
  } catch (err) {
    services.close();
    throw err;
  }
  const listening = relay;
  return {
    ...services,
    close() {
      // The listening connection goes back first: the pool closes after the analyses are handed back.
      void listening.close();
      services.close();
    },
  };
}
