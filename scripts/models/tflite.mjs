/**
 * Minimal TFLite flatbuffer reader and metadata grafter, plain Node (no flatbuffers dependency).
 *
 * Why: the legacy `@mediapipe/pose` models carry no `TFLITE_METADATA` buffer, and the tasks API
 * refuses a float32 input without NormalizationOptions metadata. We add the genuine metadata
 * (extracted from a genuine `.task`, see scripts/models/README.md) to each legacy model.
 *
 * Schema: tensorflow/lite/schema/schema.fbs — `Model { version, operator_codes, subgraphs,
 * description, buffers, metadata_buffer, metadata, signature_defs }`, `Metadata { name, buffer }`,
 * `Buffer { data: [ubyte] (force_align: 16), offset, size }`. FlatBuffers format:
 * https://flatbuffers.dev/internals/ — uoffsets (u32) always point FORWARD, vtable offsets (i32)
 * are signed.
 *
 * Because uoffsets only point forward, a new root table appended at the end could not reference
 * the old vectors. So we PREPEND: a new header, a new `Model` table whose fields point forward into
 * the unchanged old file (shifted by a multiple of 64 bytes so every alignment is preserved), a
 * new `buffers` vector (old Buffer tables + the new ones) and a new `metadata` vector.
 */

const MODEL_FIELDS = 8; // version .. signature_defs
const F_VERSION = 0;
const F_BUFFERS = 4;
const F_METADATA = 6;

/** Read-only view of a TFLite flatbuffer, just enough to graft metadata and to inspect models. */
export class TfliteView {
  /** @param {Buffer} bytes */
  constructor(bytes) {
    this.b = bytes;
    if (bytes.toString('latin1', 4, 8) !== 'TFL3') throw new Error('not a TFLite model (no TFL3 identifier)');
    this.root = bytes.readUInt32LE(0);
  }
  /** Absolute position of field `i` of the table at `t`, or 0 when absent. */
  field(t, i) {
    const vt = t - this.b.readInt32LE(t);
    const vlen = this.b.readUInt16LE(vt);
    const fo = 4 + 2 * i;
    if (fo >= vlen) return 0;
    const off = this.b.readUInt16LE(vt + fo);
    return off ? t + off : 0;
  }
  deref(p) {
    return p + this.b.readUInt32LE(p);
  }
  /** @returns {{len: number, start: number}} */
  vector(p) {
    const v = this.deref(p);
    return { len: this.b.readUInt32LE(v), start: v + 4 };
  }
  string(p) {
    const v = this.deref(p);
    return this.b.toString('utf8', v + 4, v + 4 + this.b.readUInt32LE(v));
  }
  /** Absolute positions of the Buffer tables. */
  bufferTables() {
    const v = this.vector(this.field(this.root, F_BUFFERS));
    return Array.from({ length: v.len }, (_, k) => this.deref(v.start + 4 * k));
  }
  /** Bytes of buffer `index` (empty when it has no data). */
  bufferData(index) {
    const t = this.bufferTables()[index];
    const p = this.field(t, 0);
    if (!p) return Buffer.alloc(0);
    const v = this.vector(p);
    return this.b.subarray(v.start, v.start + v.len);
  }
  /** @returns {{name: string, buffer: number, table: number}[]} */
  metadata() {
    const p = this.field(this.root, F_METADATA);
    if (!p) return [];
    const v = this.vector(p);
    return Array.from({ length: v.len }, (_, k) => {
      const t = this.deref(v.start + 4 * k);
      const bp = this.field(t, 1);
      return { name: this.string(this.field(t, 0)), buffer: bp ? this.b.readUInt32LE(bp) : 0, table: t };
    });
  }
  /** Bytes of the named metadata entry, or undefined. */
  metadataBytes(name) {
    const m = this.metadata().find((e) => e.name === name);
    return m ? this.bufferData(m.buffer) : undefined;
  }
}

/** Little forward-only byte writer for the prepended header. */
class Writer {
  constructor() {
    this.buf = Buffer.alloc(4096);
    this.pos = 0;
  }
  ensure(n) {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next);
    this.buf = next;
  }
  align(a) {
    const pad = (a - (this.pos % a)) % a;
    this.ensure(pad);
    this.pos += pad;
  }
  u16(v) {
    this.ensure(2);
    this.buf.writeUInt16LE(v, this.pos);
    this.pos += 2;
  }
  u32(v) {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
  }
  i32(v) {
    this.ensure(4);
    this.buf.writeInt32LE(v, this.pos);
    this.pos += 4;
  }
  bytes(b) {
    this.ensure(b.length);
    b.copy(this.buf, this.pos);
    this.pos += b.length;
  }
  /** Reserve a u32 slot to patch later with a forward uoffset. */
  slot() {
    const at = this.pos;
    this.u32(0);
    return at;
  }
  patch(at, target) {
    if (target <= at) throw new Error('flatbuffer uoffset must point forward');
    this.buf.writeUInt32LE(target - at, at);
  }
}

/**
 * Return a new model: `old` with metadata entries added (name -> bytes). Existing entries with the
 * same name are replaced; others are kept.
 * @param {Buffer} old
 * @param {Record<string, Buffer>} add
 */
export function graftMetadata(old, add) {
  const v = new TfliteView(old);
  const oldBufs = v.bufferTables();
  const keep = v.metadata().filter((m) => !(m.name in add));
  const added = Object.entries(add);
  const w = new Writer();
  // We must know the old file's shift P before writing offsets into it; compute the header in two
  // passes: the first with P = 0 measures its size, the second writes it for real.
  const build = (P) => {
    w.pos = 0;
    w.buf.fill(0);
    const rootSlot = w.slot();
    w.bytes(Buffer.from('TFL3', 'latin1'));
    // vtable for the new Model: all 8 fields, table is soffset + 8 * u32 = 36 bytes.
    const vtPos = w.pos;
    w.u16(4 + 2 * MODEL_FIELDS);
    w.u16(4 + 4 * MODEL_FIELDS);
    // Fields absent from the old model stay absent (vtable entry 0), e.g. signature_defs.
    const present = (i) => i === F_VERSION || i === F_BUFFERS || i === F_METADATA || v.field(v.root, i) !== 0;
    for (let i = 0; i < MODEL_FIELDS; i++) w.u16(present(i) ? 4 + 4 * i : 0);
    w.align(4);
    const table = w.pos;
    w.patch(rootSlot, table);
    w.i32(table - vtPos);
    const fieldSlots = [];
    for (let i = 0; i < MODEL_FIELDS; i++) fieldSlots.push(w.slot());
    // version is a scalar, the others are offsets (0 when absent in the old model).
    const oldVersion = v.field(v.root, F_VERSION);
    w.buf.writeUInt32LE(oldVersion ? old.readUInt32LE(oldVersion) : 3, fieldSlots[F_VERSION]);
    const later = []; // [slot, absolute target in final file]
    for (let i = 1; i < MODEL_FIELDS; i++) {
      if (i === F_BUFFERS || i === F_METADATA) continue;
      const p = v.field(v.root, i);
      if (p) later.push([fieldSlots[i], P + v.deref(p)]);
    }
    // buffers vector: old Buffer tables, then one new Buffer per added entry.
    w.patch(fieldSlots[F_BUFFERS], w.pos);
    w.u32(oldBufs.length + added.length);
    for (const t of oldBufs) later.push([w.slot(), P + t]);
    const newBufSlots = added.map(() => w.slot());
    // metadata vector: kept entries (old tables) then new Metadata tables.
    w.patch(fieldSlots[F_METADATA], w.pos);
    w.u32(keep.length + added.length);
    for (const m of keep) later.push([w.slot(), P + m.table]);
    const newMetaSlots = added.map(() => w.slot());
    added.forEach(([name, data], k) => {
      // Metadata table: vtable {name, buffer}, then table.
      const mvt = w.pos;
      w.u16(8);
      w.u16(12);
      w.u16(4);
      w.u16(8);
      const mt = w.pos;
      w.patch(newMetaSlots[k], mt);
      w.i32(mt - mvt);
      const nameSlot = w.slot();
      w.u32(oldBufs.length + k);
      w.patch(nameSlot, w.pos);
      const nb = Buffer.from(name, 'utf8');
      w.u32(nb.length);
      w.bytes(nb);
      w.bytes(Buffer.alloc(1)); // flatbuffer strings are NUL-terminated
      w.align(4);
      // Buffer table: vtable {data}, then table, then the 16-aligned data vector.
      const bvt = w.pos;
      w.u16(6);
      w.u16(8);
      w.u16(4);
      w.align(4);
      const bt = w.pos;
      w.patch(newBufSlots[k], bt);
      w.i32(bt - bvt);
      const dataSlot = w.slot();
      while ((w.pos + 4) % 16 !== 0) w.u32(0);
      w.patch(dataSlot, w.pos);
      w.u32(data.length);
      w.bytes(data);
      w.align(4);
    });
    w.align(64);
    if (P > 0) for (const [slot, target] of later) w.patch(slot, target);
    return w.pos;
  };
  // The header's size does not depend on P (offsets are fixed-width), so measure it with P = 0.
  const P = build(0);
  const got = build(P);
  if (got !== P) throw new Error('header size changed between passes');
  // Pad the header to exactly P so the old file keeps its alignment (P is a multiple of 64).
  return Buffer.concat([w.buf.subarray(0, got), Buffer.alloc(P - got), old]);
}
