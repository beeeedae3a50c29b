import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SETTINGS_FILE, shellLibraryConfig, startupFailure } from '../../src-main/electron/startup-config';
import { openConfiguredLibrary } from '../../src-main/services/library/target';
import { tempDir } from '../helpers/tmp';

/**
 * The Electron shell's start-up configuration (src-main/electron/startup-config.ts), as plain Node:
 * Electron cannot start on the build machines. The same choice as `stridelab serve`, from the command
 * line, the environment or the clinic settings file, checked and refused in the clinic's words.
 */
const tmp = tempDir('stridelab-shell-');
afterAll(() => tmp.cleanup());

let n = 0;
function setup(settings?: unknown): { userData: string; share: string } {
  const userData = join(tmp.path, `user${++n}`);
  const share = join(tmp.path, `share${n}`);
  mkdirSync(userData);
  mkdirSync(share);
  if (settings !== undefined)
    writeFileSync(
      join(userData, SETTINGS_FILE),
      typeof settings === 'string' ? settings : JSON.stringify(settings),
    );
  return { userData, share };
}
const SERVER = 'postgres://stridelab@clinic-server/stridelab';
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('not refused');
};

describe("the shell's start-up configuration", () => {
  it("is the PC's own library without settings, and the clinic server with them", () => {
    const plain = setup();
    expect(shellLibraryConfig({ argv: [], env: {}, userData: plain.userData })).toEqual({
      backend: 'sqlite',
      home: join(plain.userData, 'library'),
    });
    const { userData, share } = setup({ db: SERVER, media: '', workstation: 'room 2' });
    writeFileSync(
      join(userData, SETTINGS_FILE),
      JSON.stringify({ db: SERVER, media: share, workstation: 'room 2' }),
    );
    const c = shellLibraryConfig({ argv: [], env: {}, userData });
    expect(c).toMatchObject({ backend: 'postgres', mediaDir: share, workstation: 'room 2' });
    expect(c.backend === 'postgres' && c.target.display).toBe(SERVER);
    // The command line and the environment win over the file, as for `stridelab serve`.
    const other = 'postgres://ws@other-server/clinic';
    const byArg = shellLibraryConfig({
      argv: ['electron', '.', '--db', other, '--media', share],
      env: {},
      userData,
    });
    expect(byArg.backend === 'postgres' && byArg.target.display).toBe('postgres://ws@other-server/clinic');
    const byEnv = shellLibraryConfig({
      argv: [],
      env: { STRIDELAB_DB: other, STRIDELAB_MEDIA: share },
      userData,
    });
    expect(byEnv.backend === 'postgres' && byEnv.target.display).toBe('postgres://ws@other-server/clinic');
    expect(shellLibraryConfig({ argv: [], env: { STRIDELAB_DB: 'sqlite' }, userData }).backend).toBe(
      'sqlite',
    );
  });

  it('refuses, in words, settings that cannot work or would keep a password in its folders', () => {
    const { userData, share } = setup({
      db: 'postgres://stridelab:s3cret@clinic-server/stridelab',
      media: 'x',
    });
    const withPassword = refusal(() => shellLibraryConfig({ argv: [], env: {}, userData }));
    expect(withPassword).toContain('holds a password. StrideLab never keeps passwords in its folders');
    expect(withPassword).not.toContain('s3cret');
    const notJson = setup('{ db: nope');
    expect(refusal(() => shellLibraryConfig({ argv: [], env: {}, userData: notJson.userData }))).toContain(
      'are not readable (not JSON)',
    );
    const wrongShape = setup({ db: SERVER, media: share, password: 'x' });
    expect(refusal(() => shellLibraryConfig({ argv: [], env: {}, userData: wrongShape.userData }))).toContain(
      'may hold only "db", "media" and "workstation"',
    );
    const noMedia = setup({ db: SERVER });
    expect(refusal(() => shellLibraryConfig({ argv: [], env: {}, userData: noMedia.userData }))).toContain(
      "name the clinic's shared media folder",
    );
    const home = join(userData, 'library');
    const passfileInside = refusal(() =>
      shellLibraryConfig({
        argv: [],
        env: { STRIDELAB_DB: SERVER, STRIDELAB_MEDIA: share, STRIDELAB_DB_PASSFILE: join(home, 'pgpass') },
        userData,
      }),
    );
    expect(passfileInside).toContain('is inside the library folder');
    expect(
      refusal(() =>
        shellLibraryConfig({
          argv: [],
          env: { STRIDELAB_DB: SERVER, STRIDELAB_MEDIA: join(home, 'media') },
          userData,
        }),
      ),
    ).toContain('must be apart');
  });

  it('says plainly when the share or the server cannot be reached, without the password', async () => {
    const { userData, share } = setup();
    const unmounted = shellLibraryConfig({
      argv: [],
      env: {
        STRIDELAB_DB: SERVER,
        STRIDELAB_MEDIA: join(tmp.path, 'not-mounted'),
        STRIDELAB_WORKSTATION: 'room 2',
      },
      userData,
    });
    const e1 = await openConfiguredLibrary(unmounted).then(
      () => undefined,
      (e: unknown) => e,
    );
    const shown = startupFailure(e1, unmounted);
    expect(shown.title).toBe("StrideLab cannot open the clinic's library");
    expect(shown.detail).toContain("StrideLab cannot reach the clinic's shared media folder");
    expect(shown.detail).toContain(
      'This workstation ("room 2") uses the clinic server postgres://stridelab@clinic-server/stridelab',
    );
    const down = shellLibraryConfig({
      argv: [],
      env: { STRIDELAB_DB: 'postgres://ws:secret@127.0.0.1:1/stridelab', STRIDELAB_MEDIA: share },
      userData,
    });
    const e2 = await openConfiguredLibrary(down).then(
      () => undefined,
      (e: unknown) => e,
    );
    const said = startupFailure(e2, down);
    expect(said.detail).toContain(
      "StrideLab cannot reach the clinic's database server (postgres://ws@127.0.0.1:1/stridelab)",
    );
    expect(said.title + said.detail).not.toContain('secret');
  });
});
