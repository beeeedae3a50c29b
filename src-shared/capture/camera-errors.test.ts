import { describe, expect, it } from 'vitest';
import { cameraErrorMessage } from './camera-errors';

describe('camera errors in plain words', () => {
  it('says what happened and what to do, naming the camera', () => {
    expect(cameraErrorMessage({ name: 'NotFoundError' }, 'The side camera')).toMatch(
      /^The side camera was not found\. Check that it is plugged in/,
    );
    expect(cameraErrorMessage({ name: 'NotReadableError' }, 'The rear camera')).toMatch(
      /^The rear camera is busy or not answering: another program/,
    );
    expect(cameraErrorMessage({ name: 'OverconstrainedError', constraint: 'frameRate' })).toBe(
      'The camera cannot deliver the chosen frame rate. Choose another mode for it.',
    );
    expect(cameraErrorMessage({ name: 'OverconstrainedError', constraint: 'width' })).toMatch(/picture size/);
    expect(cameraErrorMessage({ name: 'NotAllowedError' })).toMatch(/^The camera is blocked/);
  });

  it('keeps the browser message of an unknown error', () => {
    expect(cameraErrorMessage({ name: 'WeirdError', message: 'driver said no' })).toMatch(
      /could not be started \(driver said no\)/,
    );
  });
});
