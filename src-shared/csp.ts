/**
 * The one Content-Security-Policy for every page StrideLab shows, in Electron and in browser mode.
 * Nothing remote: scripts, workers, media and connections come from our own origin only. MediaPipe's
 * wasm needs 'wasm-unsafe-eval'; its telemetry call to an outside host is refused by connect-src.
 * Inline styles are allowed for React's style attributes (no inline scripts).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
