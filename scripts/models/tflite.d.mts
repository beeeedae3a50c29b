// Types for tflite.mjs (plain Node, so the build needs no TypeScript), used by the tests.
export declare class TfliteView {
  constructor(bytes: Buffer);
  bufferTables(): number[];
  bufferData(index: number): Buffer;
  metadata(): { name: string; buffer: number; table: number }[];
  metadataBytes(name: string): Buffer | undefined;
}
export declare function graftMetadata(old: Buffer, add: Record<string, Buffer>): Buffer;
