/** The WebAssembly SIMD kernels: in use, equal to the JavaScript ones, and built from the WAT. */
import { describe, expect, it } from 'vitest';
import { assembleKernels } from '../../../scripts/build-kernels';
import { createWorkspace } from '../../../shared/solver/kernels';
import { KERNELS_WASM_BASE64 } from '../../../shared/solver/kernelsBinary';
import { mulberry32, normal } from '../../../shared/solver/random';

describe('solver kernels', () => {
  it('run as WebAssembly SIMD here, and agree with the JavaScript kernels', () => {
    const simd = createWorkspace(3000);
    const plain = createWorkspace(3000, false);
    expect(simd.simd).toBe(true);
    expect(plain.simd).toBe(false);
    const random = mulberry32(8);
    for (let i = 0; i < 3000; i++) simd.data[i] = plain.data[i] = normal(random);
    for (const n of [0, 1, 2, 3, 5, 8, 999, 1000]) {
      const a = simd.dot(7, 1500, n);
      expect(Math.abs(a - plain.dot(7, 1500, n))).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(a)),
      );
    }
    simd.axpy(11, 2000, -0.37, 997);
    plain.axpy(11, 2000, -0.37, 997);
    expect(Array.from(simd.data)).toEqual(Array.from(plain.data));
  });

  it('fuse axpy and dot without changing a bit of either', () => {
    for (const preferSimd of [true, false]) {
      const fused = createWorkspace(3000, preferSimd);
      const separate = createWorkspace(3000, preferSimd);
      const random = mulberry32(9);
      for (let i = 0; i < 3000; i++) fused.data[i] = separate.data[i] = normal(random);
      for (const n of [0, 1, 7, 8, 9, 15, 16, 17, 999]) {
        const sum = fused.axpyDot(2000, 100, 0.731, 1000, n);
        separate.axpy(2000, 100, 0.731, n);
        expect(sum).toBe(separate.dot(2000, 1000, n));
        expect(Array.from(fused.data)).toEqual(Array.from(separate.data));
      }
    }
  });

  it('update a residual under working weights and sum weighted squares as JavaScript does', () => {
    const simd = createWorkspace(3000);
    const plain = createWorkspace(3000, false);
    const random = mulberry32(10);
    for (let i = 0; i < 3000; i++) simd.data[i] = plain.data[i] = normal(random);
    for (const n of [0, 1, 2, 3, 4, 5, 8, 899]) {
      // waxpy rounds alpha·(w·x) as the JavaScript loop (and glmnet's Eigen expression) does.
      simd.waxpy(100, 1100, 2100, -0.53, n);
      plain.waxpy(100, 1100, 2100, -0.53, n);
      expect(Array.from(simd.data)).toEqual(Array.from(plain.data));
      let reference = 0;
      for (let i = 0; i < n; i++) reference += simd.data[2100 + i]! * simd.data[1100 + i]! ** 2;
      const a = simd.wsquares(2100, 1100, n);
      expect(Math.abs(a - plain.wsquares(2100, 1100, n))).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(a)),
      );
      expect(Math.abs(a - reference)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a)));
    }
  });

  it('fuse waxpy and dot without changing a bit of either', () => {
    for (const preferSimd of [true, false]) {
      const fused = createWorkspace(4000, preferSimd);
      const separate = createWorkspace(4000, preferSimd);
      const random = mulberry32(12);
      for (let i = 0; i < 4000; i++) fused.data[i] = separate.data[i] = normal(random);
      for (const n of [0, 1, 7, 8, 9, 15, 16, 17, 999]) {
        const sum = fused.waxpyDot(3000, 100, 1100, -0.613, 2000, n);
        separate.waxpy(3000, 100, 1100, -0.613, n);
        expect(sum).toBe(separate.dot(3000, 2000, n));
        expect(Array.from(fused.data)).toEqual(Array.from(separate.data));
      }
    }
  });

  it('give a gradient with its curvature, alone or fused with an update, as the separate kernels do', () => {
    for (const preferSimd of [true, false]) {
      const fused = createWorkspace(4001, preferSimd);
      const separate = createWorkspace(4001, preferSimd);
      const random = mulberry32(13);
      for (let i = 0; i < 4000; i++) fused.data[i] = separate.data[i] = normal(random);
      const close = (a: number, b: number) =>
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
      for (const n of [0, 1, 3, 4, 5, 8, 999]) {
        close(fused.dotCurvature(100, 1100, 2100, n, 4000), separate.dot(100, 1100, n));
        close(fused.data[4000]!, separate.wsquares(2100, 100, n));
        const g = fused.waxpyDotCurvature(3000, 100, 1100, -0.29, 2000, n, 4000);
        separate.waxpy(3000, 100, 1100, -0.29, n);
        close(g, separate.dot(3000, 2000, n));
        close(fused.data[4000]!, separate.wsquares(1100, 2000, n));
        // The score itself is updated bit for bit as waxpy does.
        expect(Array.from(fused.data.subarray(0, 4000))).toEqual(
          Array.from(separate.data.subarray(0, 4000)),
        );
      }
    }
  });

  it('compute many consecutive dot products in one call, each equal to a single dot', () => {
    for (const preferSimd of [true, false]) {
      const w = createWorkspace(4000, preferSimd);
      const random = mulberry32(11);
      for (let i = 0; i < 3000; i++) w.data[i] = normal(random);
      for (const n of [1, 7, 37]) {
        const count = Math.min(1500, Math.floor(2000 / n));
        w.dots(0, n, count, 2100, 2400);
        for (let k = 0; k < count; k++) expect(w.data[2400 + k]).toBe(w.dot(k * n, 2100, n));
      }
    }
  });

  it("add eight vectors' inner products with each column, row chunk by row chunk", () => {
    for (const preferSimd of [true, false]) {
      const w = createWorkspace(20_000, preferSimd);
      const random = mulberry32(12);
      for (let i = 0; i < 20_000; i++) w.data[i] = normal(random);
      for (const [n, count, m, from] of [
        [37, 5, 37, 0],
        [40, 3, 17, 3],
        [101, 4, 1, 50],
        [64, 2, 0, 0],
      ] as const) {
        // Columns at 0, n, 2n, …; eight vectors of stride n at 8000; sums at 16000 (start from 1).
        const out = 16_000;
        w.data.fill(1, out, out + 8 * count);
        w.blockDots(from, n, count, 8000 + from, n, m, out);
        for (let k = 0; k < count; k++)
          for (let b = 0; b < 8; b++) {
            let sum = 0;
            for (let i = 0; i < m; i++)
              sum += w.data[from + k * n + i]! * w.data[8000 + b * n + from + i]!;
            expect(Math.abs(w.data[out + 8 * k + b]! - (1 + sum))).toBeLessThanOrEqual(
              1e-12 * Math.max(1, Math.abs(sum)),
            );
          }
      }
    }
  });

  it('are the assembly of kernels.wat (run scripts/build-kernels.ts after editing it)', async () => {
    expect(await assembleKernels()).toBe(KERNELS_WASM_BASE64);
  });
});
