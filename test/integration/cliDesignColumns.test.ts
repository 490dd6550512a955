/**
 * The case end to end: categorical g (p, q, z) next to a numeric column named g=z.
 * The saved model must predict every row, as the fit did, and `predict` count them truly.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cli, scratchDir } from '../helpers/cli';

describe('fit --model and predict when a generated column name equals a real one', () => {
  it('scores all 60 rows with the fitted coefficients', async () => {
    const dir = scratchDir();
    const lines = ['g,g=z,y'];
    for (let i = 0; i < 60; i++) {
      const g = 'pqz'[i % 3]!;
      const x = ((i * 37) % 11) - 5;
      lines.push(`${g},${x},${(g === 'z' ? 3 : 0) + 0.5 * x + ((i * 13) % 7) / 10}`);
    }
    const data = join(dir, 'clash.csv');
    writeFileSync(data, `${lines.join('\n')}\n`);
    const fit = await cli(
      'fit',
      ...['--data', data, '--target', 'y', '--select', 'last'],
      ...['--json', join(dir, 'fit.json'), '--model', join(dir, 'model.json')],
    );
    expect(fit.code, fit.stderr).toBe(0);
    expect(fit.stderr).toMatch(/level 'z' of 'g' is called 'g=z_2'/);
    const result = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8'));
    expect(result.columns).toEqual(['g=p', 'g=q', 'g=z_2', 'g=z']);

    const scored = await cli(
      'predict',
      ...['--model', join(dir, 'model.json'), '--data', data, '--out', join(dir, 'out.csv')],
    );
    expect(scored.code, scored.stderr).toBe(0);
    expect(scored.stdout).toMatch(/60 of 60 rows scored/);
    const output = Papa.parse<string[]>(readFileSync(join(dir, 'out.csv'), 'utf8').trim()).data;
    const k = result.path.lambda.length - 1;
    const [a0, beta] = [result.path.a0[k], result.path.beta[k]];
    for (const [i, row] of output.slice(1).entries()) {
      const [g, x] = [row[0], Number(row[1])];
      const expected =
        a0 + beta[0] * +(g === 'p') + beta[1] * +(g === 'q') + beta[2] * +(g === 'z') + beta[3] * x;
      expect(row[3], `row ${i + 2}`).not.toBe('');
      expect(Number(row[3])).toBeCloseTo(expected, 10);
    }
  });
});
