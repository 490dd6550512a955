/**
 * --column-type through the CLI: Cars93's Cylinders fitted as categorical, the model scoring the
 * same file read the same way without the flag, and a malformed flag refused with an example.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseColumnTypes } from '../../shared/data/readOptions';
import { cli, scratchDir } from '../helpers/cli';
import { fixturesDir } from '../helpers/fixtures';

const cars = join(fixturesDir, 'data/cars93.csv');
const features = 'Cylinders,Horsepower,MPG.city,Weight,EngineSize';

describe('--column-type', () => {
  it('parses names holding commas or equals signs, one parser for the CLI and the app', () => {
    expect(parseColumnTypes(['a=numeric,b,c=categorical', 'x=y=NUMERIC'])).toEqual({
      types: { a: 'numeric', 'b,c': 'categorical', 'x=y': 'numeric' },
    });
    expect(parseColumnTypes(['Cylinders=factor'])).toEqual({
      error:
        "takes NAME=numeric or NAME=categorical (for example Cylinders=categorical); got 'Cylinders=factor'",
    });
  });

  it('fits Cylinders as a factor, and the model scores the file read the same way', async () => {
    const dir = scratchDir();
    const refused = await cli('fit', '--data', cars, '--target', 'Price', '--features', features);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Cylinders.*1 text cell, first 'rotary' at row 58/);
    const fit = await cli(
      ...['fit', '--data', cars, '--target', 'Price', '--features', features],
      ...['--column-type', 'Cylinders=categorical', '--json', join(dir, 'fit.json')],
      ...['--model', join(dir, 'model.json')],
    );
    expect(fit.code, fit.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8'));
    expect(result.data.columnTypes).toEqual({ Cylinders: 'categorical' });
    expect(result.columns.filter((c: string) => c.startsWith('Cylinders'))).toHaveLength(6);
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(model.data.columnTypes).toEqual({ Cylinders: 'categorical' });
    const scored = await cli(
      ...['predict', '--model', join(dir, 'model.json'), '--data', cars],
      ...['--out', join(dir, 'scored.csv')],
    );
    expect(scored.code, scored.stderr).toBe(0);
    expect(scored.stdout).toMatch(/93 of 93 rows scored/);
  }, 60_000);

  it('refuses a malformed --column-type with an example', async () => {
    const bad = await cli('fit', '--data', cars, '--target', 'Price', '--column-type', 'Cylinders');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--column-type takes NAME=numeric or NAME=categorical \(for example Cylinders=categorical\); got 'Cylinders'/,
    );
  });
});
