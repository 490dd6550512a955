/**
 * Assembles the WebAssembly kernels — shared/solver/kernels.wat (coordinate descent) and
 * shared/data/csvKernel.wat (the CSV byte reader) — into TypeScript files holding them in
 * base64, so neither the solver nor the reader needs a build step. Run after editing a WAT:
 * npx tsx scripts/build-kernels.ts (a test fails when a checked-in binary is stale).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wabtInit from 'wabt';

export interface KernelSource {
  wat: string;
  binary: string;
  constant: string;
}

export const KERNEL_SOURCES: Record<'solver' | 'csv', KernelSource> = {
  solver: {
    wat: 'shared/solver/kernels.wat',
    binary: 'shared/solver/kernelsBinary.ts',
    constant: 'KERNELS_WASM_BASE64',
  },
  csv: {
    wat: 'shared/data/csvKernel.wat',
    binary: 'shared/data/csvKernelBinary.ts',
    constant: 'CSV_KERNEL_WASM_BASE64',
  },
};

const root = join(import.meta.dirname, '..');

export async function assembleKernels(
  source: KernelSource = KERNEL_SOURCES.solver,
): Promise<string> {
  const wabt = await wabtInit();
  const text = readFileSync(join(root, source.wat), 'utf8');
  const module = wabt.parseWat(source.wat, text, { simd: true });
  module.validate();
  return Buffer.from(module.toBinary({}).buffer).toString('base64');
}

if (process.argv[1]?.endsWith('build-kernels.ts')) {
  for (const source of Object.values(KERNEL_SOURCES)) {
    const base64 = await assembleKernels(source);
    const name = source.wat.split('/').pop();
    writeFileSync(
      join(root, source.binary),
      `// Generated from ${name} by scripts/build-kernels.ts; do not edit.\nexport const ${source.constant} =\n  '${base64}';\n`,
    );
    console.log(`${name}: ${Buffer.from(base64, 'base64').length} bytes`);
  }
}
