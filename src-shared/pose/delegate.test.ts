import { describe, expect, it } from 'vitest';
import { chooseDelegate } from './delegate';

describe('chooseDelegate', () => {
  it('takes the GPU where WebGL reaches a hardware GPU', () => {
    for (const renderer of [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'Mesa Intel(R) UHD Graphics 630 (CFL GT2)',
      'Apple M1',
    ])
      expect(chooseDelegate('auto', { renderer }).delegate).toBe('GPU');
  });
  it('stays on the CPU where WebGL is software-rendered, and says so', () => {
    for (const renderer of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
    ]) {
      const c = chooseDelegate('auto', { renderer });
      expect(c.delegate).toBe('CPU');
      expect(c.reason).toMatch(/software-rendered/);
    }
  });
  it('stays on the CPU without WebGL 2, even when the GPU is asked for', () => {
    expect(chooseDelegate('auto', { renderer: null })).toEqual({
      delegate: 'CPU',
      reason: 'no WebGL 2 on this machine',
    });
    expect(chooseDelegate('GPU', { renderer: null }).delegate).toBe('CPU');
  });
  it('follows an explicit choice otherwise', () => {
    expect(chooseDelegate('CPU', { renderer: 'Apple M1' }).delegate).toBe('CPU');
    expect(chooseDelegate('GPU', { renderer: 'llvmpipe (LLVM 15.0.6, 256 bits)' }).delegate).toBe('GPU');
  });
});
