/**
 * Fuzzing the reader: random bytes and random mutations of a valid CSV either load or fail
 * with the reader's own DataError (never a TypeError, RangeError or a hang), and whatever
 * loads can be prepared for a fit or refused with a DataError.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvBytes } from '../../../shared/data/csv';
import { prepareDesign } from '../../../shared/data/design';
import { DataError } from '../../../shared/data/errors';
import { examplesDir } from '../../helpers/fixtures';

const valid = new Uint8Array(readFileSync(join(examplesDir, 'prostate.csv')));

function readAndPrepare(bytes: Uint8Array): void {
  try {
    const dataset = readCsvBytes(bytes, { fileName: 'fuzz.csv' });
    const target = dataset.columns.at(-2)?.name ?? '';
    prepareDesign(dataset, { target });
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    expect(error.message.startsWith('fuzz.csv')).toBe(true);
  }
}

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '"',
      ',',
      ';',
      '\n',
      '\r',
      '\t',
      '""',
      'NA',
      'Inf',
      '1e999',
      '\u0000',
      '\ufeff',
      'é',
      ' ',
    ),
  }),
  fc.record({
    kind: fc.constant('cut' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 400 }),
  }),
);

function mutate(
  bytes: Uint8Array,
  steps: { kind: string; at: number; byte?: number; text?: string; length?: number }[],
): Uint8Array {
  const out = Array.from(bytes);
  for (const step of steps) {
    const at = out.length === 0 ? 0 : step.at % out.length;
    if (step.kind === 'set') out[at] = step.byte!;
    else if (step.kind === 'insert') out.splice(at, 0, ...new TextEncoder().encode(step.text!));
    else out.splice(at, step.length!);
  }
  return Uint8Array.from(out);
}

describe('reader fuzzing', () => {
  it('random bytes never throw anything but a DataError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => readAndPrepare(bytes)),
      { numRuns: 300, seed: 1, interruptAfterTimeLimit: 20_000 },
    );
  });

  it('random text never throws anything but a DataError', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', '1', '.', ',', ';', '"', '\n', '\r', ' ', '\t', 'é', '-', 'e'),
          maxLength: 600,
        }),
        (text) => readAndPrepare(new TextEncoder().encode(text)),
      ),
      { numRuns: 400, seed: 2, interruptAfterTimeLimit: 20_000 },
    );
  });

  it('mutations of a valid CSV never throw anything but a DataError', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (steps) =>
        readAndPrepare(mutate(valid, steps)),
      ),
      { numRuns: 300, seed: 3, interruptAfterTimeLimit: 20_000 },
    );
  });
});
