import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allowPermissionCheck,
  allowPermissionRequest,
  externalUrlToOpen,
  needsNoSandbox as electronNoSandbox,
} from '../../src-main/electron/policy';
import { needsNoSandbox } from '../../src-main/services/chromium';

/**
 * The Electron shell's security rules (issue 14), run as the functions main.ts installs, since
 * Electron cannot start here; and the packaging config's fuses, checked against electron-builder's
 * own schema of them.
 */
const ROOT = resolve(import.meta.dirname, '../..');

describe('permissions', () => {
  const app = 'app://stridelab/index.html';
  it('grants the camera to our page, video only', () => {
    expect(allowPermissionRequest('media', { requestingUrl: app, mediaTypes: ['video'] })).toBe(true);
  });
  it('refuses the microphone, alone or with the camera, and a request that does not say what it wants', () => {
    expect(allowPermissionRequest('media', { requestingUrl: app, mediaTypes: ['audio'] })).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: app, mediaTypes: ['video', 'audio'] })).toBe(
      false,
    );
    expect(allowPermissionRequest('media', { requestingUrl: app, mediaTypes: [] })).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: app })).toBe(false);
  });
  it('refuses any other origin, and every other permission', () => {
    for (const url of [
      'https://evil.example/',
      'app://stridelab.evil/x',
      'file:///etc/passwd',
      'not a url',
      undefined,
    ])
      expect(allowPermissionRequest('media', { requestingUrl: url, mediaTypes: ['video'] })).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'midi', 'fullscreen'])
      expect(allowPermissionRequest(p, { requestingUrl: app, mediaTypes: ['video'] })).toBe(false);
  });
  it('answers permission checks the same way', () => {
    expect(allowPermissionCheck('media', 'app://stridelab', { mediaType: 'video' })).toBe(true);
    expect(allowPermissionCheck('media', 'app://stridelab', { mediaType: 'audio' })).toBe(false);
    expect(allowPermissionCheck('media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(allowPermissionCheck('geolocation', 'app://stridelab', {})).toBe(false);
  });
});

describe('links that ask for a new window', () => {
  it('open nothing in the system browser: not an arbitrary https site, not a file, not a custom scheme', () => {
    for (const url of [
      'https://evil.example/login',
      'https://user:pass@example.org/',
      'http://example.org/',
      'file:///home/pt/patients.csv',
      'smb://server/share',
      'javascript:alert(1)',
      'not a url',
    ])
      expect(externalUrlToOpen(url)).toBeUndefined();
  });
});

describe("Chromium's sandbox", () => {
  it('is turned off only as root (Electron and the headless Chromium alike)', () => {
    expect(electronNoSandbox(0)).toBe(true);
    expect(electronNoSandbox(1000)).toBe(false);
    expect(electronNoSandbox(undefined)).toBe(false);
    const root = process.getuid?.() === 0;
    expect(needsNoSandbox({})).toBe(root);
    expect(needsNoSandbox({ STRIDELAB_CHROMIUM_NO_SANDBOX: '1' })).toBe(true);
  });
});

describe('packaging', () => {
  it('sets the Electron fuses, every one known to electron-builder', () => {
    // The electronFuses block of the YAML: "  key: true|false" lines under it (no YAML parser needed).
    const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8').split('\n');
    const at = yml.indexOf('electronFuses:');
    expect(at).toBeGreaterThanOrEqual(0);
    const fuses: Record<string, boolean> = {};
    for (const line of yml.slice(at + 1)) {
      const m = /^ {2}(\w+): (true|false)$/.exec(line);
      if (!m) break;
      fuses[m[1]!] = m[2] === 'true';
    }
    const config = { electronFuses: fuses };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    const schema = JSON.parse(
      readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    ) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    for (const key of Object.keys(config.electronFuses!))
      expect(Object.keys(schema.definitions.FuseOptionsV1.properties)).toContain(key);
  });
});
