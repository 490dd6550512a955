/**
 * Assembles shared/solver/kernels.wat into shared/solver/kernelsBinary.ts (base64), so the
 * solver needs no build step. Run after editing the WAT: npx tsx scripts/build-kernels.ts
 * (a test fails when the checked-in binary is stale).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wabtInit from 'wabt';

export async function assembleKernels(): Promise<string> {
  const wabt = await wabtInit();
  const source = readFileSync(join(import.meta.dirname, '../shared/solver/kernels.wat'), 'utf8');
  const module = wabt.parseWat('kernels.wat', source, { simd: true });
  module.validate();
  return Buffer.from(module.toBinary({}).buffer).toString('base64');
}

if (process.argv[1]?.endsWith('build-kernels.ts')) {
  const base64 = await assembleKernels();
  writeFileSync(
    join(import.meta.dirname, '../shared/solver/kernelsBinary.ts'),
    `// Generated from kernels.wat by scripts/build-kernels.ts; do not edit.\nexport const KERNELS_WASM_BASE64 =\n  '${base64}';\n`,
  );
  console.log(`kernels: ${Buffer.from(base64, 'base64').length} bytes`);
}
