/**
 * Stored (uncompressed) zip writer, plain Node. A MediaPipe `.task` bundle is such a zip whose
 * entries the runtime reads in place (PKWARE APPNOTE 6.3.10, sections 4.3.7 local header, 4.3.12
 * central directory, 4.3.16 end of central directory).
 *
 * Each entry's data is aligned to 64 bytes with an extra field (id 0xD935, the padding field
 * Android's zipalign uses), so a model read in place keeps the alignment its flatbuffer expects.
 */
import { crc32 } from 'node:zlib';

const ALIGN = 64;
const PAD_ID = 0xd935;
// A fixed timestamp makes the bundle byte-for-byte reproducible: 1980-01-01 00:00 in DOS format.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * @param {{name: string, data: Buffer}[]} entries
 * @returns {Buffer}
 */
export function storedZip(entries) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const headerLen = 30 + nameBytes.length;
    let extraLen = (ALIGN - ((offset + headerLen) % ALIGN)) % ALIGN;
    if (extraLen > 0 && extraLen < 4) extraLen += ALIGN; // an extra field needs at least its 4-byte header
    const extra = Buffer.alloc(extraLen);
    if (extraLen) {
      extra.writeUInt16LE(PAD_ID, 0);
      extra.writeUInt16LE(extraLen - 4, 2);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(extraLen, 28);
    parts.push(local, nameBytes, extra, data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4); // made by
    cd.writeUInt16LE(20, 6); // needed
    cd.writeUInt16LE(0, 8);
    cd.writeUInt16LE(0, 10);
    cd.writeUInt16LE(DOS_TIME, 12);
    cd.writeUInt16LE(DOS_DATE, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(nameBytes.length, 28);
    cd.writeUInt16LE(0, 30); // extra
    cd.writeUInt16LE(0, 32); // comment
    cd.writeUInt16LE(0, 34); // disk
    cd.writeUInt16LE(0, 36); // internal attrs
    cd.writeUInt32LE(0, 38); // external attrs
    cd.writeUInt32LE(offset, 42);
    central.push(cd, nameBytes);
    offset += headerLen + extraLen + data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBytes, end]);
}

/**
 * Read the entries of a stored zip (only what `.task` bundles use: no compression, no zip64).
 * @param {Buffer} zip
 * @returns {Map<string, Buffer>}
 */
export function readStoredZip(zip) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  // Some bundles have bytes before the first entry; the central directory's offsets then count from
  // the archive start, which is (eocd - cdSize - cdOffset).
  const base = eocd - zip.readUInt32LE(eocd + 12) - p;
  p += base;
  const out = new Map();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nl = zip.readUInt16LE(p + 28);
    const el = zip.readUInt16LE(p + 30);
    const cl = zip.readUInt16LE(p + 32);
    const name = zip.toString('utf8', p + 46, p + 46 + nl);
    const lh = base + zip.readUInt32LE(p + 42);
    if (method !== 0) throw new Error(`zip entry ${name} is compressed; expected stored`);
    const ds = lh + 30 + zip.readUInt16LE(lh + 26) + zip.readUInt16LE(lh + 28);
    out.set(name, zip.subarray(ds, ds + size));
    p += 46 + nl + el + cl;
  }
  return out;
}
