#!/usr/bin/env node
/**
 * Build the MediaPipe Pose Landmarker bundles resources/models/pose_landmarker_{lite,full,heavy}.task
 * from what the npm registry holds, fully offline (runs at `npm ci` through `prepare`).
 *
 * Sources (Apache-2.0, Google MediaPipe):
 * - node_modules/@mediapipe/pose: pose_landmark_{lite,full,heavy}.tflite and the person detector,
 *   the only file packed in pose_solution_packed_assets.data (offsets read from its loader.js).
 * - scripts/models/*.metadata.bin: the genuine TFLITE_METADATA buffers (input normalisation, output
 *   names) taken from the genuine pose_landmarker_full.task (see scripts/models/README.md). The
 *   tasks API refuses the legacy models without them.
 *
 * Idempotent and fast: a stamp file records the inputs' fingerprint; when it matches and the
 * bundles exist, nothing is rebuilt. Each bundle is written to a temp file and renamed, so an
 * interrupted build never leaves a truncated model behind.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { graftMetadata, TfliteView } from './models/tflite.mjs';
import { storedZip } from './models/zip.mjs';

const BUILDER_VERSION = 1; // bump when the output format changes
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const poseDir = path.join(root, 'node_modules', '@mediapipe', 'pose');
const metaDir = path.join(root, 'scripts', 'models');
const outDir = path.join(root, 'resources', 'models');
// The stamp lives in npm's cache folder, not beside the models: nothing in resources/ but the bundles.
const stampPath = path.join(root, 'node_modules', '.cache', 'stridelab', 'models.stamp.json');
const VARIANTS = ['lite', 'full', 'heavy'];

const outPath = (v) => path.join(outDir, `pose_landmarker_${v}.task`);

function fingerprint() {
  const h = crypto.createHash('sha256');
  h.update(`v${BUILDER_VERSION}`);
  for (const f of [
    ...VARIANTS.map((v) => path.join(poseDir, `pose_landmark_${v}.tflite`)),
    path.join(poseDir, 'pose_solution_packed_assets.data'),
    path.join(poseDir, 'pose_solution_packed_assets_loader.js'),
  ]) {
    const s = fs.statSync(f);
    h.update(`${path.basename(f)}:${s.size}:${s.mtimeMs}`);
  }
  for (const f of ['pose_detector.metadata.bin', 'pose_landmarks_detector.metadata.bin']) {
    h.update(fs.readFileSync(path.join(metaDir, f)));
  }
  return h.digest('hex');
}

function upToDate(fp) {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampPath, 'utf8'));
    return stamp.fingerprint === fp && VARIANTS.every((v) => fs.statSync(outPath(v)).size === stamp.sizes[v]);
  } catch {
    return false;
  }
}

/** The person detector is the one file packed in the solution's data file; its loader gives the range. */
function readDetector() {
  const loader = fs.readFileSync(path.join(poseDir, 'pose_solution_packed_assets_loader.js'), 'utf8');
  const m = /"filename":\s*"[^"]*pose_detection\.tflite",\s*"start":\s*(\d+),\s*"end":\s*(\d+)/.exec(loader);
  if (!m) throw new Error('pose_solution_packed_assets_loader.js no longer lists pose_detection.tflite');
  const data = fs.readFileSync(path.join(poseDir, 'pose_solution_packed_assets.data'));
  return data.subarray(Number(m[1]), Number(m[2]));
}

function writeAtomic(file, bytes) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

function main() {
  if (!fs.existsSync(poseDir)) {
    if (VARIANTS.every((v) => fs.existsSync(outPath(v)))) return;
    console.error('build-models: node_modules/@mediapipe/pose is missing; run `npm ci` (dev dependencies).');
    process.exit(1);
  }
  const fp = fingerprint();
  if (upToDate(fp)) {
    console.log('build-models: pose models up to date');
    return;
  }
  fs.mkdirSync(outDir, { recursive: true });
  const detectorMeta = fs.readFileSync(path.join(metaDir, 'pose_detector.metadata.bin'));
  const landmarkMeta = fs.readFileSync(path.join(metaDir, 'pose_landmarks_detector.metadata.bin'));
  const detector = graftMetadata(readDetector(), { TFLITE_METADATA: detectorMeta });
  new TfliteView(detector); // sanity: still a TFLite model
  const sizes = {};
  for (const v of VARIANTS) {
    const legacy = fs.readFileSync(path.join(poseDir, `pose_landmark_${v}.tflite`));
    const landmarks = graftMetadata(legacy, { TFLITE_METADATA: landmarkMeta });
    const check = new TfliteView(landmarks).metadataBytes('TFLITE_METADATA');
    if (!check || !check.equals(landmarkMeta)) throw new Error(`metadata graft failed for ${v}`);
    const bundle = storedZip([
      { name: 'pose_detector.tflite', data: detector },
      { name: 'pose_landmarks_detector.tflite', data: landmarks },
    ]);
    writeAtomic(outPath(v), bundle);
    sizes[v] = bundle.length;
    console.log(`build-models: ${path.relative(root, outPath(v))} (${(bundle.length / 1e6).toFixed(1)} MB)`);
  }
  fs.mkdirSync(path.dirname(stampPath), { recursive: true });
  writeAtomic(stampPath, JSON.stringify({ fingerprint: fp, sizes }, null, 2) + '\n');
}

main();
