import { randomUUID } from 'node:crypto';
import { mkdir, rename, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ServiceError } from '../errors';
import type { Library } from '../library/db';
import { getSession } from '../library/sessions';
import { fsMessage } from './copy';
import { removeTree, syncDir } from './fsutil';
import type { RecordingRow } from './recordings-db';
import { readTar, TarWriter } from './tar';
import { ForeignRowError, type Row } from '../../data/session-archive';

import { holdLanding, type LandingHold } from './landing';
/**
 * One session as one file (`.stridelab-session`, a POSIX tar; see docs/library-layout.md): first
 * `stridelab-session.json` holding the patient, session and recording rows as stored, then every
 * file of every recording under `media/<recordingId>/`. Importing it into another library keeps the
 * ids (UUIDs, so they do not clash), reuses the patient when that id is already there, checks every
 * original against its SHA-256, and is all or nothing like a clip import.
 */
export const SESSION_ARCHIVE_FORMAT = 'stridelab.session/1';
const MANIFEST = 'stridelab-session.json';
const FILE_NAME = /^(original\.[a-z0-9]{1,8}|proxy\.mp4|thumb\.jpg|timestamps\.f64)$/;

interface Manifest {
  format: string;
  exportedAt: string;
  schemaVersion: number;
  patient: Row;
  session: Row;
  recordings: RecordingRow[];
  /**
   * Rows of every other table tied to this session or its recordings (a `session_id` or
   * `recording_id` column: review corrections, key frames, capture takes…), so an archive stays
   * complete as other parts of StrideLab add tables.
   */
  related: Record<string, Row[]>;
}

/**
 * Blobs (a marker track) as `{ base64 }` in the manifest, read back as bytes; an archive written
 * before this carried them as Node's `{ type: 'Buffer', data: [...] }`, read back too.
 */
const toJsonRow = (row: Row): Row =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      v instanceof Uint8Array ? { base64: Buffer.from(v).toString('base64') } : v,
    ]),
  );
function fromJsonRow(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => {
      if (v && typeof v === 'object') {
        const o = v as { base64?: unknown; type?: unknown; data?: unknown };
        if (typeof o.base64 === 'string') return [k, Buffer.from(o.base64, 'base64')];
        if (o.type === 'Buffer' && Array.isArray(o.data)) return [k, Buffer.from(o.data as number[])];
      }
      return [k, v];
    }),
  );
}

export const exportsDir = (library: Library): string => join(library.paths.home, 'exports');

const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'patient';

export async function exportSession(
  library: Library,
  sessionId: string,
): Promise<{ fileName: string; sizeBytes: number; path: string }> {
  const { paths } = library;
  await getSession(library.data, sessionId);
  const rows = await library.data.sessionArchive.read(sessionId);
  if (!rows) throw new ServiceError('not-found', `No session with id ${sessionId}.`, 'sessionId');
  const { patient, session, recordings } = rows;
  const manifest: Manifest = {
    format: SESSION_ARCHIVE_FORMAT,
    exportedAt: new Date().toISOString(),
    schemaVersion: library.schemaVersion,
    patient,
    session,
    recordings,
    related: Object.fromEntries(Object.entries(rows.related).map(([t, r]) => [t, r.map(toJsonRow)])),
  };
  const fileName = `${slug(String(patient.name))}-${String(session.date)}-${sessionId.slice(0, 8)}.stridelab-session`;
  const tmp = join(paths.tmpDir, `archive-${randomUUID()}.part`);
  const tar = await TarWriter.create(tmp);
  try {
    await tar.addBuffer(MANIFEST, Buffer.from(JSON.stringify(manifest, null, 2)));
    for (const r of recordings) {
      for (const rel of [r.original_path, r.proxy_path, r.thumb_path, r.timestamps_path]) {
        await tar.addFile(`media/${r.id}/${basename(rel)}`, join(paths.mediaDir, rel));
      }
    }
    const sizeBytes = await tar.finish();
    await mkdir(exportsDir(library), { recursive: true });
    const dest = join(exportsDir(library), fileName);
    await rename(tmp, dest);
    return { fileName, sizeBytes, path: dest };
  } catch (err) {
    await tar.abandon();
    await removeTree(tmp);
    if ((err as NodeJS.ErrnoException).code) throw fsMessage(err, `The archive of this session`, 'written');
    throw err;
  }
}

export async function importSessionArchive(
  library: Library,
  archivePath: string,
  archiveName: string,
): Promise<{ sessionId: string; patientId: string; recordings: number }> {
  const { data, paths } = library;
  const name = `"${archiveName}"`;
  const invalid = (why: string): ServiceError =>
    new ServiceError('invalid-input', `${name} is not a usable StrideLab session archive: ${why}.`);
  try {
    await stat(archivePath);
  } catch (err) {
    throw fsMessage(err, name, 'read');
  }
  const work = join(paths.tmpDir, `archive-${randomUUID()}`);
  let manifest: Manifest | undefined;
  const extracted = new Map<string, string>();
  let sessionDir: string | undefined;
  const holds: LandingHold[] = [];
  try {
    await mkdir(work);
    for await (const entry of readTar(archivePath, archiveName)) {
      if (!manifest) {
        if (entry.name !== MANIFEST || entry.size > 10 * 1024 * 1024)
          throw invalid(`it does not start with ${MANIFEST}`);
        try {
          manifest = JSON.parse((await entry.buffer()).toString('utf8')) as Manifest;
        } catch {
          throw invalid('its manifest is not valid JSON');
        }
        if (manifest.format !== SESSION_ARCHIVE_FORMAT)
          throw invalid(`format "${String(manifest.format)}" is not ${SESSION_ARCHIVE_FORMAT}`);
        if (manifest.schemaVersion > library.schemaVersion) {
          throw new ServiceError(
            'unsupported',
            `${name} was written by a newer StrideLab (schema ${manifest.schemaVersion}). Update StrideLab to import it.`,
          );
        }
        const sid = String(manifest.session?.id ?? '');
        if (!/^[0-9a-f-]{36}$/.test(sid)) throw invalid('the session id is missing');
        const existing = await data.sessions.get(sid);
        if (existing) {
          throw new ServiceError(
            'conflict',
            `The session in ${name} is already in this library${existing.deletedAt ? ' (in the trash: restore it from there)' : ''}. Nothing was imported.`,
          );
        }
        continue;
      }
      const m = /^media\/([0-9a-f-]{36})\/([^/]+)$/.exec(entry.name);
      if (!m || !FILE_NAME.test(m[2]!) || !manifest.recordings.some((r) => r.id === m[1]))
        throw invalid(`unexpected entry "${entry.name}"`);
      await mkdir(join(work, m[1]!), { recursive: true });
      extracted.set(entry.name, await entry.extractTo(join(work, m[1]!, m[2]!)));
    }
    if (!manifest) throw invalid('it is empty');
    const sessionId = String(manifest.session.id);
    for (const r of manifest.recordings) {
      if (r.session_id !== sessionId) throw invalid(`recording ${r.id} belongs to another session`);
      for (const rel of [r.original_path, r.proxy_path, r.thumb_path, r.timestamps_path]) {
        const parts = String(rel).split('/');
        if (parts.length !== 3 || parts[0] !== sessionId || parts[1] !== r.id || !FILE_NAME.test(parts[2]!))
          throw invalid(`recording ${r.id} has a bad file path`);
        if (!extracted.has(`media/${r.id}/${parts[2]}`))
          throw invalid(`the file ${parts[2]} of "${r.original_name}" is missing`);
      }
      if (extracted.get(`media/${r.id}/${basename(r.original_path)}`) !== r.sha256) {
        throw invalid(`"${r.original_name}" does not match its checksum (the archive is damaged)`);
      }
    }
    const m = manifest;
    const target = join(paths.mediaDir, sessionId);
    // Each clip folder marked as on its way in until the rows commit, as an import's (./landing.ts).
    for (const r of m.recordings) holds.push(await holdLanding(join(work, r.id)));
    await syncDir(work);
    await rename(work, target);
    for (const h of holds) h.moveTo(join(target, basename(h.folder)));
    sessionDir = target;
    await syncDir(paths.mediaDir);
    try {
      const related = Object.fromEntries(
        Object.entries(m.related ?? {}).map(([t, rows]) => [t, rows.map(fromJsonRow)]),
      );
      await data.transaction((tx) =>
        tx.sessionArchive.write({
          patient: m.patient,
          session: m.session,
          recordings: m.recordings,
          related,
        }),
      );
    } catch (err) {
      if (err instanceof ServiceError) throw err;
      if (err instanceof ForeignRowError) throw invalid(err.message);
      throw invalid(`its rows do not fit this library (${(err as Error).message})`);
    }
    await Promise.all(holds.map((h) => h.release()));
    return { sessionId, patientId: String(m.session.patient_id), recordings: m.recordings.length };
  } catch (err) {
    for (const h of holds) h.stop();
    await removeTree(work);
    if (sessionDir && manifest) {
      // Only remove the session folder if the rename above created it (the rows were refused).
      const inserted = await data.sessions.get(String(manifest.session.id)).catch(() => undefined);
      if (!inserted) await removeTree(sessionDir);
    }
    if (err instanceof ServiceError) throw err;
    if ((err as NodeJS.ErrnoException).code) throw fsMessage(err, name, 'imported');
    throw err;
  }
}
