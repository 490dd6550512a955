/**
 * A running Rscript bench/glmnet.R with the problem loaded, answering "path" and "cv" one line
 * at a time, so the benchmark can alternate glmnet's runs with its own under the same load.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FamilyName } from '../shared/solver/family';
import type { BenchProblem } from './problems';

export interface GlmnetPathTiming {
  seconds: number;
  lambdas: number;
}

/** glmnet's whole path from the last "path" command: beta is p × L, column-major. */
export interface GlmnetPath {
  lambda: Float64Array;
  a0: Float64Array;
  beta: Float64Array;
}
export interface GlmnetCvTiming {
  seconds: number;
  lambdaMin: number;
}

export function glmnetAvailable(): boolean {
  return (
    spawnSync('Rscript', ['-e', 'suppressMessages(library(glmnet))'], { encoding: 'utf8' })
      .status === 0
  );
}

export class GlmnetSession {
  private readonly lines: AsyncIterator<string>;
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly dir: string,
  ) {
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static async start(
    { design, y }: BenchProblem,
    alpha: number,
    family: FamilyName,
    foldid: Int32Array,
  ): Promise<GlmnetSession> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-glmnet-'));
    writeFileSync(join(dir, 'x.bin'), design.values);
    writeFileSync(join(dir, 'y.bin'), y);
    writeFileSync(
      join(dir, 'foldid.bin'),
      Int32Array.from(foldid, (k) => k + 1),
    );
    writeFileSync(join(dir, 'meta.txt'), `${design.n} ${design.p} ${alpha} ${family}\n`);
    const child = spawn('Rscript', [join(import.meta.dirname, 'glmnet.R'), dir]);
    child.stderr.pipe(process.stderr);
    const session = new GlmnetSession(child, dir);
    await session.next(); // {"ready": true}
    return session;
  }

  private async next(): Promise<unknown> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error('Rscript bench/glmnet.R ended early (see its messages above).');
    return JSON.parse(value);
  }

  async path(): Promise<GlmnetPathTiming> {
    this.child.stdin.write('path\n');
    return (await this.next()) as GlmnetPathTiming;
  }

  /** The path the last path() computed (R writes it next to the data). */
  lastPath(): GlmnetPath {
    const read = (name: string) => {
      const bytes = readFileSync(join(this.dir, name));
      return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
    };
    return { lambda: read('lambda.bin'), a0: read('a0.bin'), beta: read('beta.bin') };
  }

  /** The CV curve (cvm per λ) from the last cv(). */
  lastCvm(): Float64Array {
    const bytes = readFileSync(join(this.dir, 'cvm.bin'));
    return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  }

  async cv(): Promise<GlmnetCvTiming> {
    this.child.stdin.write('cv\n');
    return (await this.next()) as GlmnetCvTiming;
  }

  close(): void {
    this.child.stdin.end('quit\n');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
