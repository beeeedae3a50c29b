import type { ErrorCode, WireError, WireProblem } from '../../src-shared/contract';

/**
 * An error meant for the person at the screen: a code the UI can act on, a message in plain words
 * that names the file or field at fault, and the field itself where there is one.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Every problem, this one first, where validation found several (validateInput). */
    readonly problems?: readonly WireProblem[],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Map anything thrown to the wire shape; unknown errors keep their message but not their stack. */
export function toWireError(err: unknown): WireError {
  if (err instanceof ServiceError) {
    const problems = err.problems ? { problems: err.problems.map((p) => named(p.message, p.field)) } : {};
    if (!err.field) return { code: err.code, message: err.message, ...problems };
    return { code: err.code, ...named(err.message, err.field), ...problems };
  }
  if (err instanceof Error && err.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled.' };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}

/** Every message about a field starts with the field's name, as validation messages do. */
function named(message: string, field: string | undefined): WireProblem {
  if (!field) return { message };
  return { message: message.startsWith(`${field}:`) ? message : `${field}: ${message}`, field };
}

/**
 * A file-system error in words the person at the screen can act on: what went wrong with
 * `subject` (the user's file or folder, in their words, e.g. `the output folder "/mnt/usb/out"`)
 * and what to do. Never the errno, never a path inside the library.
 */
export function plainFsError(err: unknown, subject: string): ServiceError {
  if (err instanceof ServiceError) return err;
  const code =
    SQLITE_TO_ERRNO[(err as { code?: string } | undefined)?.code ?? ''] ??
    (err as { code?: string } | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new ServiceError('io', `The disk holding ${subject} is full. Free some space and try again.`);
    case 'EROFS':
      return new ServiceError(
        'io',
        `${cap(subject)} is on a read-only drive (or a memory card with its lock switch on). Choose a folder you can write to.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new ServiceError(
        'io',
        `StrideLab is not allowed to use ${subject}. Check its permissions, or choose another folder.`,
      );
    case 'ENOENT':
      return new ServiceError('not-found', `${cap(subject)} does not exist. Check the name and the folder.`);
    case 'ENOTDIR':
      return new ServiceError(
        'invalid-input',
        `Part of the path to ${subject} is a file, not a folder. Check the path.`,
      );
    case 'EISDIR':
      return new ServiceError('invalid-input', `${cap(subject)} is a folder, not a file.`);
    case 'ELOOP':
      return new ServiceError(
        'invalid-input',
        `${cap(subject)} is a shortcut (symbolic link) that leads back to itself. Use the real file or folder.`,
      );
    case 'ENAMETOOLONG':
      return new ServiceError(
        'invalid-input',
        `The path to ${subject} is too long for the operating system. Use a shorter folder or file name.`,
      );
    case 'EIO':
      return new ServiceError(
        'io',
        `The drive holding ${subject} failed (read or write error). Check the cable or card and try again.`,
      );
    case 'EMFILE':
    case 'ENFILE':
      return new ServiceError(
        'io',
        `Too many files are open to use ${subject}. Close other programs and try again.`,
      );
    case 'EBUSY':
    case 'ETXTBSY':
      return new ServiceError('io', `${cap(subject)} is in use by another program. Close it and try again.`);
    case 'EXDEV':
      return new ServiceError(
        'io',
        `${cap(subject)} must be on the same drive as the library. Choose a folder on that drive.`,
      );
    default:
      return new ServiceError(
        'io',
        `The operating system refused to use ${subject}. Try again; if it keeps happening, restart the computer.`,
      );
  }
}

/** SQLite's words for the same conditions (https://sqlite.org/rescode.html). */
const SQLITE_TO_ERRNO: Record<string, string> = {
  SQLITE_FULL: 'ENOSPC',
  SQLITE_READONLY: 'EROFS',
  SQLITE_READONLY_DIRECTORY: 'EROFS',
  SQLITE_IOERR: 'EIO',
  SQLITE_PERM: 'EACCES',
};

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
