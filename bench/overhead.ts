/**
 * What the default certificate and information criteria cost next to the path fit they follow
 * (run.ts computes both after every fit): gaussian and binomial lasso, default path of 100 λ,
 * at three shapes (OVERHEAD_SIZES=n×p,… for others); the median of ROUNDS rounds, in CPU ms.
 * `npm run bench:overhead`.
 * OVERHEAD_BASELINE=dir also times dir/certificateBefore.ts and dir/icBefore.ts (copies of an
 * older implementation, same exports) in the same run, for a before/after on a loaded machine.
 */

import { informationCriteria } from '../shared/analysis/informationCriteria';
import { pathCertificate } from '../shared/solver/certificate';
import { fitPath } from '../shared/solver/path';
import { binomialProblem, denseProblem } from './problems';

const ROUNDS = Number(process.env.OVERHEAD_ROUNDS ?? 3);
// OVERHEAD_SIZES=100000x50,5000x1000 to choose other shapes.
const SIZES: (readonly [number, number])[] = process.env.OVERHEAD_SIZES
  ? process.env.OVERHEAD_SIZES.split(',').map((size) => {
      const [n, p] = size.split('x').map(Number);
      return [n!, p!] as const;
    })
  : [
      [20000, 50],
      [500, 2000],
      [5000, 1000],
    ];

type Cert = typeof pathCertificate;
type Ic = typeof informationCriteria;
const implementations: { name: string; cert: Cert; ic: Ic }[] = [
  { name: 'now', cert: pathCertificate, ic: informationCriteria },
];
const baseline = process.env.OVERHEAD_BASELINE;
if (baseline) {
  const cert = (await import(`${baseline}/certificateBefore.ts`)).pathCertificate as Cert;
  const ic = (await import(`${baseline}/icBefore.ts`)).informationCriteria as Ic;
  implementations.push({ name: 'before', cert, ic });
}

type Output = { c: ReturnType<Cert>; i: ReturnType<Ic> };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
/**
 * The CPU time (user + system) of a call, in ms: on a shared, loaded machine the wall clock
 * measures the neighbours; this code is single-threaded, so its CPU time is its work.
 */
const clock = <T>(run: () => T): [T, number] => {
  const start = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(start);
  return [value, (used.user + used.system) / 1000];
};

for (const family of ['gaussian', 'binomial'] as const) {
  for (const [n, p] of SIZES) {
    const problem = family === 'gaussian' ? denseProblem(n, p) : binomialProblem(n, p);
    const times = new Map<string, number[]>();
    const add = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
    const outputs = new Map<string, Output>();
    for (let round = 0; round < ROUNDS; round++) {
      const [path, fit] = clock(() => fitPath(problem.design, problem.y, { family }));
      add('fit', fit);
      // Alternate the implementations' order between rounds (the machine's load drifts).
      const order = round % 2 === 0 ? implementations : [...implementations].reverse();
      for (const { name, cert, ic } of order) {
        const [c, certMs] = clock(() => cert({ design: problem.design, y: problem.y }, path));
        const [i, icMs] = clock(() =>
          ic({
            family,
            design: problem.design,
            y: problem.y,
            alpha: path.options.alpha,
            intercept: path.options.intercept,
            penaltyFactor: path.options.penaltyFactor,
            xScale: path.standardization.xScale,
            lambda: path.lambda,
            a0: path.a0,
            beta: path.beta,
          }),
        );
        add(`${name} certificate`, certMs);
        add(`${name} IC`, icMs);
        if (round === 0) outputs.set(name, { c, i });
      }
    }
    const cells = [...times].map(([key, ms]) => `${key} ${median(ms).toFixed(0)}`);
    console.log(`${family} ${n}×${p}: ${cells.join(', ')} ms`);
    const now = outputs.get('now');
    const before = outputs.get('before');
    if (now && before) {
      // The gap is a bound near rounding level: compare it as a fraction of the objective.
      const gaps = (x: Output) => x.c?.relativeGap ?? [];
      const most = Math.max(
        0,
        ...gaps(now).map((g, k) => Math.abs((g ?? 0) - (gaps(before)[k] ?? 0))),
      );
      console.log(
        `  now vs before: objective ${difference(now.c?.objective, before.c?.objective).toExponential(1)} (relative), relative gap ${most.toExponential(1)} (absolute), IC ${difference(now.i, before.i).toExponential(1)} (relative)`,
      );
    }
  }
}

/** The largest relative difference between two results' numbers (null and equal strings: 0). */
function difference(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return 0;
    return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    let most = 0;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      most = Math.max(most, difference((a as never)[key], (b as never)[key]));
    return most;
  }
  return a === b ? 0 : Number.POSITIVE_INFINITY;
}
