/** Names both halves of each transport agree on (main and preload for IPC; server and renderer for HTTP). */
export const IPC_CALL = 'stridelab:call';
export const IPC_EVENT = 'stridelab:event';
export const HTTP_TOKEN_HEADER = 'x-stridelab-token';
export const HTTP_CALL_PREFIX = '/api/call/';
export const HTTP_EVENTS_PATH = '/api/events';
