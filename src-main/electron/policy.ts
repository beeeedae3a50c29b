/**
 * What the Electron shell lets its pages do, as plain functions of the request (no electron import:
 * tested in test/electron/policy.test.ts without Electron, which cannot start on the build machines).
 */

/** The app's own origin: the only one that may ask for anything. */
export const APP_ORIGIN = 'app://stridelab';

const fromApp = (url: string | undefined): boolean => {
  if (!url) return false;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
};

/**
 * Electron's permission request (setPermissionRequestHandler): the camera for capture, from our own
 * page, and nothing else. Electron reports camera and microphone as one permission, 'media', with
 * the kinds asked for in `mediaTypes`: a request that includes audio (or says nothing of what it
 * wants) is refused; StrideLab records video only.
 */
export function allowPermissionRequest(
  permission: string,
  details: { requestingUrl?: string; mediaTypes?: readonly string[] },
): boolean {
  if (permission !== 'media') return false;
  if (!fromApp(details.requestingUrl)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

/**
 * Electron's synchronous permission check (setPermissionCheckHandler, used e.g. before listing
 * cameras): our page may check for video capture; nothing else, nobody else.
 */
export function allowPermissionCheck(
  permission: string,
  requestingOrigin: string,
  details: { mediaType?: string },
): boolean {
  return permission === 'media' && fromApp(requestingOrigin) && details.mediaType === 'video';
}

/**
 * A link that asks for a new window (target=_blank, window.open): never a window of ours, and never
 * an arbitrary site in the system browser either (a page could be tricked into opening a phishing
 * or exploit URL with the app's trust). Only the project's own documentation hosts are opened.
 */
const EXTERNAL_ALLOWED = new Set<string>([]);
export function externalUrlToOpen(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_ALLOWED.has(u.host) && !u.username && !u.password
      ? u.href
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Chromium's sandbox stays on: `--no-sandbox` only where Chromium cannot run sandboxed, as root
 * (same rule as services/chromium.ts for the headless Chromium).
 */
export const needsNoSandbox = (uid: number | undefined): boolean => uid === 0;
