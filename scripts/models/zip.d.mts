// Types for zip.mjs (plain Node, so the build needs no TypeScript), used by the tests.
export declare function storedZip(entries: { name: string; data: Buffer }[]): Buffer;
export declare function readStoredZip(zip: Buffer): Map<string, Buffer>;
