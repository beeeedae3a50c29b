import type { ErrorCode, WireError } from '../../src-shared/contract';

/**
 * An error meant for the person at the screen: a code the UI can act on, a message in plain words
 * that names the file or field at fault, and the field itself where there is one.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Map anything thrown to the wire shape; unknown errors keep their message but not their stack. */
export function toWireError(err: unknown): WireError {
  if (err instanceof ServiceError) {
    if (!err.field) return { code: err.code, message: err.message };
    // Every message about a field starts with the field's name, as validation messages do.
    const message = err.message.startsWith(`${err.field}:`) ? err.message : `${err.field}: ${err.message}`;
    return { code: err.code, message, field: err.field };
  }
  if (err instanceof Error && err.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled.' };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}
