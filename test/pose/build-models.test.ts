import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graftMetadata, TfliteView } from '../../scripts/models/tflite.mjs';
import { readStoredZip, storedZip } from '../../scripts/models/zip.mjs';
import { appRoot } from '../../src-main/paths';
import { defaultModelDir } from '../../src-main/services/pose/paths';

/**
 * The model builder's two halves on the real legacy models: the metadata graft keeps every tensor
 * buffer byte for byte and adds the genuine metadata; the zip is a stored zip MediaPipe can read
 * in place (entries 64-byte aligned) and the bundles are reproducible. (That the result runs and
 * matches Google's genuine bundle is test/pose/model-equivalence.test.ts.)
 */
const root = appRoot();
const legacy = readFileSync(join(root, 'node_modules/@mediapipe/pose/pose_landmark_lite.tflite'));
const meta = readFileSync(join(root, 'scripts/models/pose_landmarks_detector.metadata.bin'));

describe('TFLite metadata graft', () => {
  const grafted = graftMetadata(legacy, { TFLITE_METADATA: meta });
  const before = new TfliteView(legacy);
  const after = new TfliteView(grafted);

  it('adds TFLITE_METADATA and keeps the existing metadata entries', () => {
    expect(before.metadataBytes('TFLITE_METADATA')).toBeUndefined();
    expect(after.metadataBytes('TFLITE_METADATA')!.equals(meta)).toBe(true);
    expect(after.metadata().map((m) => m.name)).toEqual([
      ...before.metadata().map((m) => m.name),
      'TFLITE_METADATA',
    ]);
  });

  it('keeps every weight buffer byte for byte, 16-byte aligned', () => {
    const n = before.bufferTables().length;
    expect(after.bufferTables()).toHaveLength(n + 1);
    for (let i = 0; i < n; i++) {
      const a = before.bufferData(i);
      const b = after.bufferData(i);
      expect(b.equals(a), `buffer ${i}`).toBe(true);
      if (b.length)
        expect((b.byteOffset - grafted.byteOffset) % 16).toBe((a.byteOffset - legacy.byteOffset) % 16);
    }
  });
});

describe('stored zip', () => {
  it('round-trips entries with their data 64-byte aligned, and is reproducible', () => {
    const entries = [
      { name: 'pose_detector.tflite', data: Buffer.from('abc') },
      { name: 'pose_landmarks_detector.tflite', data: Buffer.alloc(1000, 7) },
    ];
    const zip = storedZip(entries);
    const back = readStoredZip(zip);
    for (const e of entries) {
      const got = back.get(e.name)!;
      expect(got.equals(e.data)).toBe(true);
      expect((got.byteOffset - zip.byteOffset) % 64).toBe(0);
    }
    expect(storedZip(entries).equals(zip)).toBe(true);
  });

  it('built bundles hold the two models MediaPipe expects, with metadata', () => {
    const task = readStoredZip(readFileSync(join(defaultModelDir(), 'pose_landmarker_full.task')));
    expect([...task.keys()]).toEqual(['pose_detector.tflite', 'pose_landmarks_detector.tflite']);
    for (const model of task.values())
      expect(new TfliteView(model).metadataBytes('TFLITE_METADATA')).toBeDefined();
  });
});
