/**
 * The two inner kernels of coordinate descent, dot and axpy, over one workspace of doubles
 * (the standardized design, then the residual). They run as WebAssembly with 128-bit SIMD when
 * the runtime has it (about 3.5× faster than JavaScript on this machine), else as plain
 * JavaScript; the results agree to rounding. Offsets and lengths are counts of doubles.
 */
import { KERNELS_WASM_BASE64 } from './kernelsBinary';

/** How many vectors blockDots takes at once. */
export const BLOCK_VECTORS = 8;

/** blockDots' arguments: see Workspace. */
type BlockDots = (
  x: number,
  n: number,
  count: number,
  r: number,
  stride: number,
  m: number,
  out: number,
) => void;

export interface Workspace {
  readonly data: Float64Array;
  /** Σ data[a + i]·data[b + i], i < n */
  dot(a: number, b: number, n: number): number;
  /** data[y + i] += alpha·data[x + i], i < n */
  axpy(y: number, x: number, alpha: number, n: number): void;
  /** axpy(y, x, alpha, n), then dot(z, y, n): bit-identical to the two calls, one pass. */
  axpyDot(y: number, x: number, alpha: number, z: number, n: number): number;
  /** data[y + i] += alpha·(data[w + i]·data[x + i]), i < n (a residual under working weights) */
  waxpy(y: number, x: number, w: number, alpha: number, n: number): void;
  /** waxpy(y, x, w, alpha, n), then dot(z, y, n): bit-identical to the two calls, one pass. */
  waxpyDot(y: number, x: number, w: number, alpha: number, z: number, n: number): number;
  /** Returns Σ data[x + i]·data[r + i] and stores Σ data[w + i]·data[x + i]² at data[out] */
  dotCurvature(x: number, r: number, w: number, n: number, out: number): number;
  /** waxpy(y, x, w, alpha, n), then returns dot(z, y, n) and stores Σ w·z² at data[out] */
  waxpyDotCurvature(
    y: number,
    x: number,
    w: number,
    alpha: number,
    z: number,
    n: number,
    out: number,
  ): number;
  /** Σ data[w + i]·data[x + i]², i < n */
  wsquares(w: number, x: number, n: number): number;
  /** data[out + k] = dot(x + k·n, r, n) for k < count, each bit-identical to `dot` */
  dots(x: number, n: number, count: number, r: number, out: number): void;
  /**
   * data[out + 8k + b] += Σ_{i<m} data[x + k·n + i]·data[r + b·stride + i], k < count, b < 8:
   * eight vectors' inner products with each column in one pass over it (BLOCK_VECTORS)
   */
  blockDots: BlockDots;
  readonly simd: boolean;
  /** The whole backing store when `data` is a view of a reused, larger workspace. */
  readonly capacity?: Float64Array;
}

/** The part of the WebAssembly API used here (typed locally: shared/ has no DOM or Node lib). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
}

const PAGE = 65_536;
const MAX_PAGES = 65_536; // wasm32: 4 GiB
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | null | undefined;

function kernelsModule(): object | null {
  if (compiled !== undefined) return compiled;
  if (!wasm) {
    compiled = null;
    return compiled;
  }
  try {
    const binary = atob(KERNELS_WASM_BASE64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    compiled = new wasm.Module(bytes);
  } catch {
    compiled = null; // no WebAssembly or no SIMD: JavaScript kernels
  }
  return compiled;
}

function jsWorkspace(doubles: number): Workspace {
  const data = new Float64Array(doubles);
  const dot = (a: number, b: number, n: number): number => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += data[a + i]! * data[b + i]!;
      s1 += data[a + i + 1]! * data[b + i + 1]!;
      s2 += data[a + i + 2]! * data[b + i + 2]!;
      s3 += data[a + i + 3]! * data[b + i + 3]!;
    }
    for (; i < n; i++) s0 += data[a + i]! * data[b + i]!;
    return s0 + s1 + (s2 + s3);
  };
  const axpy = (y: number, x: number, alpha: number, n: number): void => {
    for (let i = 0; i < n; i++) data[y + i]! += alpha * data[x + i]!;
  };
  const waxpy = (y: number, x: number, w: number, alpha: number, n: number): void => {
    for (let i = 0; i < n; i++) data[y + i]! += alpha * (data[w + i]! * data[x + i]!);
  };
  const wsquares = (w: number, x: number, n: number): number => {
    let s0 = 0;
    let s1 = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const a = data[x + i]!;
      const b = data[x + i + 1]!;
      s0 += data[w + i]! * (a * a);
      s1 += data[w + i + 1]! * (b * b);
    }
    for (; i < n; i++) s0 += data[w + i]! * data[x + i]! ** 2;
    return s0 + s1;
  };
  const dots = (x: number, n: number, count: number, r: number, out: number): void => {
    for (let k = 0; k < count; k++) data[out + k] = dot(x + k * n, r, n);
  };
  const blockDots: BlockDots = (x, n, count, r, stride, m, out) => {
    for (let k = 0; k < count; k++)
      for (let b = 0; b < BLOCK_VECTORS; b++) {
        let sum = 0;
        for (let i = 0; i < m; i++) sum += data[x + k * n + i]! * data[r + b * stride + i]!;
        data[out + BLOCK_VECTORS * k + b]! += sum;
      }
  };
  return {
    data,
    simd: false,
    dot,
    axpy,
    waxpy,
    dotCurvature(x, r, w, n, out) {
      data[out] = wsquares(w, x, n);
      return dot(x, r, n);
    },
    waxpyDotCurvature(y, x, w, alpha, z, n, out) {
      waxpy(y, x, w, alpha, n);
      data[out] = wsquares(w, z, n);
      return dot(y, z, n);
    },
    waxpyDot(y, x, w, alpha, z, n) {
      waxpy(y, x, w, alpha, n);
      return dot(y, z, n);
    },
    wsquares,
    dots,
    blockDots,
    axpyDot(y, x, alpha, z, n) {
      axpy(y, x, alpha, n);
      return dot(y, z, n);
    },
  };
}

export function createWorkspace(doubles: number, preferSimd = true): Workspace {
  const module = preferSimd ? kernelsModule() : null;
  const pages = Math.max(1, Math.ceil((doubles * 8) / PAGE));
  if (!module || !wasm || pages > MAX_PAGES) return jsWorkspace(doubles);
  let memory: { buffer: ArrayBuffer };
  try {
    memory = new wasm.Memory({ initial: pages, maximum: pages });
  } catch {
    return jsWorkspace(doubles);
  }
  const exports = new wasm.Instance(module, { env: { memory } }).exports as {
    dot: (a: number, b: number, n: number) => number;
    axpy: (y: number, x: number, alpha: number, n: number) => void;
    axpyDot: (y: number, x: number, alpha: number, z: number, n: number) => number;
    waxpy: (y: number, x: number, w: number, alpha: number, n: number) => void;
    wsquares: (w: number, x: number, n: number) => number;
    waxpyDot: (y: number, x: number, w: number, alpha: number, z: number, n: number) => number;
    dotCurvature: (x: number, r: number, w: number, n: number, out: number) => number;
    waxpyDotCurvature: (
      y: number,
      x: number,
      w: number,
      alpha: number,
      z: number,
      n: number,
      out: number,
    ) => number;
    dots: (x: number, n: number, count: number, r: number, out: number) => void;
    blockDots: BlockDots;
  };
  const data = new Float64Array(memory.buffer, 0, doubles);
  return {
    data,
    simd: true,
    dot: (a, b, n) => exports.dot(a * 8, b * 8, n),
    axpy: (y, x, alpha, n) => exports.axpy(y * 8, x * 8, alpha, n),
    axpyDot: (y, x, alpha, z, n) => exports.axpyDot(y * 8, x * 8, alpha, z * 8, n),
    waxpy: (y, x, w, alpha, n) => exports.waxpy(y * 8, x * 8, w * 8, alpha, n),
    wsquares: (w, x, n) => exports.wsquares(w * 8, x * 8, n),
    waxpyDot: (y, x, w, alpha, z, n) => exports.waxpyDot(y * 8, x * 8, w * 8, alpha, z * 8, n),
    dotCurvature: (x, r, w, n, out) => exports.dotCurvature(x * 8, r * 8, w * 8, n, out * 8),
    waxpyDotCurvature: (y, x, w, alpha, z, n, out) =>
      exports.waxpyDotCurvature(y * 8, x * 8, w * 8, alpha, z * 8, n, out * 8),
    dots: (x, n, count, r, out) => exports.dots(x * 8, n, count, r * 8, out * 8),
    blockDots: (x, n, count, r, stride, m, out) =>
      exports.blockDots(x * 8, n, count, r * 8, stride, m, out * 8),
  };
}

/**
 * The workspace of the last finished fit, kept for the next one on this thread: a fresh
 * WebAssembly memory costs a page fault per 4 KiB on first touch (about 50 ms for 80 MB here),
 * which matters for the many fits of a cross-validation. Kept only up to 128 MiB, so that an
 * idle worker thread does not hold much memory; larger fits take long enough not to notice.
 */
let spare: Workspace | null = null;
const SPARE_LIMIT_DOUBLES = 16 * 2 ** 20;

/**
 * A workspace of at least `doubles` (its `data` has exactly that length), reusing the spare
 * one when it is large enough. Its contents are arbitrary: the caller writes before reading.
 * Hand it back with releaseWorkspace when done.
 */
export function acquireWorkspace(doubles: number): Workspace {
  const reusable = spare;
  spare = null;
  if (reusable && reusable.data.length >= doubles && reusable.simd === (kernelsModule() !== null))
    return { ...reusable, data: reusable.data.subarray(0, doubles), capacity: reusable.data };
  return createWorkspace(doubles);
}

export function releaseWorkspace(workspace: Workspace): void {
  const whole = workspace.capacity ?? workspace.data;
  if (whole.length > SPARE_LIMIT_DOUBLES) return;
  if (spare && spare.data.length >= whole.length) return;
  spare = { ...workspace, data: whole, capacity: whole };
}
