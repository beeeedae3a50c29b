/**
 * A tiny hash router: `#/`, `#/patients/new`, `#/patients/<id>`, `#/patients/<id>/edit`,
 * `#/patients/<id>/sessions/new`, `#/sessions/<id>`, `#/sessions/<id>/review[/<recording>…]`, `#/sessions/<id>/report`, `#/trash`. Hash routes survive a reload in
 * both shells (app:// in Electron, http://127.0.0.1 in browser mode) without a server-side router.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'patients' }
  | { page: 'patient-new' }
  | { page: 'patient'; id: string }
  | { page: 'patient-edit'; id: string }
  | { page: 'session-new'; patientId: string }
  | { page: 'session'; id: string }
  | { page: 'session-edit'; id: string }
  | { page: 'session-capture'; id: string }
  | { page: 'session-review'; id: string; clips: string[] }
  | { page: 'session-report'; id: string }
  | { page: 'trash' }
  | { page: 'backups' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c, d] = parts;
  if (a === 'patients' && b === 'new') return { page: 'patient-new' };
  if (a === 'patients' && b && c === 'edit') return { page: 'patient-edit', id: b };
  if (a === 'patients' && b && c === 'sessions' && d === 'new') return { page: 'session-new', patientId: b };
  if (a === 'patients' && b) return { page: 'patient', id: b };
  if (a === 'sessions' && b && c === 'edit') return { page: 'session-edit', id: b };
  if (a === 'sessions' && b && c === 'capture') return { page: 'session-capture', id: b };
  if (a === 'sessions' && b && c === 'review')
    return { page: 'session-review', id: b, clips: parts.slice(3) };
  if (a === 'sessions' && b && c === 'report') return { page: 'session-report', id: b };
  if (a === 'sessions' && b) return { page: 'session', id: b };
  if (a === 'trash') return { page: 'trash' };
  if (a === 'backups') return { page: 'backups' };
  return { page: 'patients' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'patients':
      return '#/';
    case 'patient-new':
      return '#/patients/new';
    case 'patient':
      return `#/patients/${route.id}`;
    case 'patient-edit':
      return `#/patients/${route.id}/edit`;
    case 'session-new':
      return `#/patients/${route.patientId}/sessions/new`;
    case 'session':
      return `#/sessions/${route.id}`;
    case 'session-edit':
      return `#/sessions/${route.id}/edit`;
    case 'session-capture':
      return `#/sessions/${route.id}/capture`;
    case 'session-report':
      return `#/sessions/${route.id}/report`;
    case 'session-review':
      return `#/sessions/${route.id}/review${route.clips.map((c) => `/${encodeURIComponent(c)}`).join('')}`;
    case 'trash':
      return '#/trash';
    case 'backups':
      return '#/backups';
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

/**
 * The page to go on to after a call has answered, from the address the PT was on when they asked:
 * a late answer (a busy server) must not take them away from where they have gone meanwhile (CI,
 * under load: a patient's Delete answered after the PT had opened the Trash, and pulled them back
 * to the patient list).
 */
export function navigateFrom(from: string, route: Route): void {
  if (window.location.hash === from) navigate(route);
}

const subscribe = (cb: () => void): (() => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
