/**
 * Gaussian fits of files larger than memory: the file is read twice, line by line, and never
 * held. The first pass counts its data rows, which the seeded test split and CV folds need
 * (both are shuffles of all rows: run.ts randomTestRows, cv.ts randomFolds), so that every row
 * goes to the same fold and the same side of the split as in memory; the second reads each
 * row into the sufficient statistics of its fold or of the test rows
 * (shared/solver/sufficientStats.ts). The path, CV and test scores then come from those
 * statistics alone, equal to the in-memory analysis of the same file to about 1e-9 relative.
 *
 * What needs the rows, or a first pass over the values, is refused with a message saying so:
 * other families (their IRLS weights change with every step), text columns, missing cells,
 * row filters, test rows by value, fold-id columns, several α, out-of-fold predictions
 * (--keep) and the MAE measure. Memory: a byte per row for the fold and test assignment (plus
 * the shuffle, 8 bytes per row while it is drawn), and the p×p statistics per fold.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { describeFamily } from '../../shared/analysis/families';
import type { AnalysisResult } from '../../shared/analysis/result';
import { pathOptionsFor, resolvePenaltyFactors } from '../../shared/analysis/run';
import { EXCLUDED } from '../../shared/analysis/schema';
import { type AnalysisSettings, penaltyName } from '../../shared/analysis/settings';
import { dataFieldCount, detectDelimiter } from '../../shared/data/csv';
import type { DesignColumn } from '../../shared/data/design';
import { DataError } from '../../shared/data/errors';
import { parseNumber } from '../../shared/data/numberFormat';
import { DEFAULT_MISSING_MARKERS, type Delimiter } from '../../shared/data/readOptions';
import { plural } from '../../shared/plural';
import { randomFolds } from '../../shared/solver/cv';
import { SolverCancelledError } from '../../shared/solver/errors';
import { mulberry32, permutation } from '../../shared/solver/random';
import {
  cvFromMoments,
  fitPathFromMoments,
  MomentAccumulator,
  type Moments,
  mergeAll,
  testScoresFromMoments,
} from '../../shared/solver/sufficientStats';
import { APP_VERSION } from '../../shared/version';
import type { Warning } from '../../shared/warning';
import { fileChangedError, fileVersion, refuseChanged } from './files';

export interface StreamingRequest {
  path: string;
  settings: AnalysisSettings;
  delimiter?: Delimiter | undefined;
  missingMarkers?: readonly string[] | undefined;
  signal?: AbortSignal | undefined;
  /** 0 … 1 with what is being done. */
  onProgress?: ((fraction: number, message: string) => void) | undefined;
}

/** What the in-memory fit's footprint depends on besides the file's size. */
export interface FitShape {
  /** The file's bytes per data row and its columns, from its first rows (sampleFileShape). */
  bytesPerRow?: number | undefined;
  columns?: number | undefined;
  /** K-fold CV (0 or undefined: none) and the path's length. */
  folds?: number | undefined;
  nlambda?: number | undefined;
}

/**
 * The in-memory fit's footprint, estimated from the file: what --memory-limit compares.
 *
 * Measured (10 numeric columns, RSS above Node's own): a path holds about 6 copies of the
 * columnar data (the dataset, the design, the fitted rows, the worker's copy and the solver's
 * standardized one); K-fold CV adds each fold's training copy (≈ 1.6 columnar a fold, two
 * folds at a time but their results held together) and the out-of-fold predictions, one per
 * row and λ, which dominate tall files: 1M rows, 5 folds: 2.1 GB measured (estimate 2.3);
 * 5M rows: 7.6 GB (estimate 11.6). Conservative by design: an estimate too low lets a fit run
 * out of memory, one too high only streams a fit that would have fitted.
 * Without the shape (no sample): ≈ 3.2 bytes per byte of file, the path alone.
 */
export function estimatedMemoryBytes(fileBytes: number, shape: FitShape = {}): number {
  const { bytesPerRow, columns } = shape;
  if (!bytesPerRow || !columns) return Math.ceil(fileBytes * 3.2);
  const rows = fileBytes / bytesPerRow;
  const columnar = rows * columns * 8;
  const folds = shape.folds ?? 0;
  const nlambda = shape.nlambda ?? 100;
  const cv = folds > 1 ? folds * 1.6 * columnar + 1.5 * rows * nlambda * 8 : 0;
  return Math.ceil(6 * columnar + cv);
}

/**
 * Bytes per data row and the column count of a delimited text file, from its first 64 KB
 * (undefined for a file too short to tell, or one that is not text: Parquet's size says
 * little about its rows). Quoted line breaks make rows look shorter, so the estimate errs
 * high, the safe side.
 */
export async function sampleFileShape(
  path: string,
): Promise<{ bytesPerRow: number; columns: number } | undefined> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return sampleShape(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** sampleFileShape's reckoning on bytes already read (exported for tests). */
export function sampleShape(
  bytes: Uint8Array,
): { bytesPerRow: number; columns: number } | undefined {
  if (bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === 'PAR1')
    return undefined;
  const lines: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++)
    if (bytes[i] === 10) {
      lines.push([start, i + 1]);
      start = i + 1;
    }
  // The header and at least two complete data rows.
  if (lines.length < 3) return undefined;
  const head = Buffer.from(bytes.subarray(0, lines.at(-1)![1])).toString('latin1');
  const header = head.slice(0, lines[0]![1]);
  const delimiter = detectDelimiter(head);
  const columns = header.split(delimiter).length;
  const data = lines.slice(1);
  const bytesPerRow = (data.at(-1)![1] - data[0]![0]) / data.length;
  return { bytesPerRow, columns };
}

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
};

/** "4GB", "512 MB", "1KB", "1000": bytes (units are powers of 1024), or undefined if unreadable. */
export function parseMemorySize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? '').toLowerCase().replace('i', '');
  const factor = UNITS[unit === '' ? 'b' : unit.endsWith('b') ? unit : `${unit}b`];
  if (factor === undefined) return undefined;
  const bytes = Number(match[1]) * factor;
  return bytes > 0 && Number.isFinite(bytes) ? bytes : undefined;
}

/** Settings the streamed fit cannot honour, refused by name before any row is read. */
function refuseUnsupported(settings: AnalysisSettings, file: string): void {
  const refuse = (what: string, fix: string): never => {
    throw new DataError(
      `Streaming mode (the data do not fit in memory) cannot ${what}.`,
      { file },
      fix,
    );
  };
  if (settings.family !== 'gaussian') {
    refuse(
      `fit the ${describeFamily(settings.family).label} family: only gaussian fits reduce to sufficient statistics, the other families need their data in memory`,
      'Raise --memory-limit, fit a sample of the rows, or use the gaussian family.',
    );
  }
  if (settings.rows.length > 0)
    refuse('filter rows', 'Filter the file first (for example with awk or a database).');
  if (settings.testRows)
    refuse('hold out rows by value', 'Use a random hold-out (--test-fraction) instead.');
  if (settings.alphas && settings.alphas.length > 1)
    refuse('compare several α', 'Fit one α at a time.');
  if (settings.cv?.foldidColumn)
    refuse('take folds from a column', 'Use random folds (--cv K with --seed).');
  if (settings.cv?.keep) refuse('keep out-of-fold predictions (--keep)', 'Leave out --keep.');
  if (settings.cv && settings.cv.measure !== 'mse')
    refuse(
      `compute the ${settings.cv.measure} measure (it needs every row's error)`,
      'Use --measure mse.',
    );
  if (settings.cv?.grouped === false)
    refuse('compute ungrouped CV errors', 'Leave the CV errors grouped by fold.');
  if (settings.missing === 'impute')
    refuse('impute missing values', 'Fill them in first, or drop the incomplete rows.');
}

/** Every line of the file, its bytes counted and hashed on the way. */
async function forEachLine(
  path: string,
  signal: AbortSignal | undefined,
  onLine: (line: string) => void,
  onChunk?: (chunk: Buffer) => void,
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  let first = true;
  const emit = (text: string, final: boolean) => {
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      const line =
        text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      onLine(line);
      start = end + 1;
    }
    rest = text.slice(start);
    if (final && rest !== '') onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) {
    if (signal?.aborted) throw new SolverCancelledError();
    onChunk?.(chunk as Buffer);
    let text = rest + decoder.decode(chunk as Buffer, { stream: true });
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    emit(text, false);
  }
  emit(rest + decoder.decode(), true);
}

const HEADER_BYTES = 16 << 20;

/** The first line that is not blank: the header (its BOM removed). */
async function readHeader(path: string, file: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    let text = new TextDecoder('utf-8').decode(buffer.subarray(0, bytesRead));
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const lines = text.split('\n');
    if (bytesRead === HEADER_BYTES) lines.pop(); // may be cut
    for (const line of lines) {
      const header = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (header.trim() !== '') return header;
    }
  } finally {
    await handle.close();
  }
  throw new DataError(
    'The file has no header line.',
    { file },
    'Choose a CSV file with a header and rows.',
  );
}

/**
 * The lines that are rows (the header among them), counted on the raw bytes, as fast as the
 * disk reads: a line starting with a printable character or the delimiter is a row at once;
 * one starting with a space or a control byte (rare) is decoded at its end and judged by
 * isBlank, as pass 2 judges it.
 */
async function countRows(
  path: string,
  delimiter: string,
  signal: AbortSignal | undefined,
  onBytes: (bytes: number) => void,
): Promise<number> {
  const delimiterByte = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  let count = 0;
  let bytes = 0;
  let content = false;
  let pending: Uint8Array[] = [];
  const endLine = () => {
    if (content) count++;
    else if (pending.length > 0) {
      let text = new TextDecoder('utf-8').decode(Buffer.concat(pending));
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text !== '' && !isBlank(text, delimiter)) count++;
    }
    content = false;
    pending = [];
  };
  for await (const data of createReadStream(path, { highWaterMark: 4 << 20 })) {
    if (signal?.aborted) throw new SolverCancelledError();
    const chunk = data as Buffer;
    // A BOM starts the first line with a byte ≥ 128: that line is decoded.
    let position = 0;
    for (;;) {
      const newline = chunk.indexOf(10, position);
      const end = newline < 0 ? chunk.length : newline;
      if (!content && end > position) {
        const byte = chunk[position]!;
        if ((byte > 32 && byte < 127) || byte === delimiterByte) content = true;
        else pending.push(chunk.subarray(position, end));
      }
      if (newline < 0) break;
      endLine();
      position = newline + 1;
    }
    bytes += chunk.length;
    onBytes(bytes);
  }
  endLine();
  return count;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/ (parseNumber's test), by its characters. */
export function isPlainDecimal(text: string): boolean {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  if (c === 43 || c === 45) c = text.charCodeAt(++i);
  let digits = 0;
  while (i < n && isDigit(text.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < n && text.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (i < n && (text.charCodeAt(i) | 32) === 101) {
    i++;
    c = text.charCodeAt(i);
    if (c === 43 || c === 45) i++;
    let exponent = 0;
    while (i < n && isDigit(text.charCodeAt(i))) {
      i++;
      exponent++;
    }
    if (exponent === 0) return false;
  }
  return i === n;
}

/** A line with no delimiter and nothing but spaces is no row (csv.ts isBlankLine). */
function isBlank(line: string, delimiter: string): boolean {
  return line.trim() === '' && !line.includes(delimiter);
}

/** The fields of a line; simple quoting ("a", "a ""b""") only: no delimiters or line breaks inside quotes. */
function splitFields(line: string, delimiter: string, file: string, row: number): string[] {
  const fields = line.split(delimiter);
  if (!line.includes('"')) return fields;
  return fields.map((field) => {
    const t = field.trim();
    if (t.length >= 2 && t.startsWith('"') && t.endsWith('"'))
      return t.slice(1, -1).replace(/""/g, '"');
    if (t.includes('"')) {
      throw new DataError(
        'A quoted field holds a delimiter or a line break, which streaming mode does not read.',
        { file, row },
        'Remove the quotes or the delimiter, or raise --memory-limit to read the file in memory.',
      );
    }
    return field;
  });
}

interface Layout {
  header: string[];
  features: string[];
  featureIndex: number[];
  target: number;
  weights: number;
  offset: number;
}

function layoutOf(header: string[], settings: AnalysisSettings, file: string): Layout {
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '' || seen.has(name)) {
      throw new DataError(
        name === ''
          ? 'A column has no name, which streaming mode needs.'
          : `Two columns are named '${name}', which streaming mode cannot tell apart.`,
        { file, row: 1 },
        'Give every column a distinct name in the header.',
      );
    }
    seen.add(name);
  }
  const index = (name: string, role: string) => {
    const at = header.indexOf(name);
    if (at < 0) {
      throw new DataError(
        `There is no ${role} column named '${name}'.`,
        { file },
        `Available columns: ${header.join(', ')}.`,
      );
    }
    return at;
  };
  const target = index(settings.target, 'target');
  const weights = settings.weights ? index(settings.weights, 'weight') : -1;
  const offset = settings.offset ? index(settings.offset, 'offset') : -1;
  const roles = new Set([settings.target, settings.weights, settings.offset, ...settings.exclude]);
  for (const name of settings.exclude) index(name, 'excluded');
  const features = settings.features
    ? [...settings.features]
    : header.filter((name) => !roles.has(name));
  for (const name of features) {
    if (name === settings.target || name === settings.weights || name === settings.offset) {
      throw new DataError(
        `'${name}' is both a role column and a feature.`,
        { file, column: name },
        'Remove it from the features.',
      );
    }
  }
  if (features.length === 0) {
    throw new DataError(
      'No feature columns are left to model the target with.',
      { file },
      'Choose at least one feature.',
    );
  }
  return {
    header,
    features,
    featureIndex: features.map((name) => index(name, 'feature')),
    target,
    weights,
    offset,
  };
}

/** The held-out mask of run.ts's randomTestRows, as bytes (the same shuffle, the same rows). */
function testMask(n: number, fraction: number, seed: number): { mask: Uint8Array; size: number } {
  const order = permutation(n, mulberry32(seed));
  const size = Math.round(fraction * n);
  const mask = new Uint8Array(n);
  for (let k = 0; k < size; k++) mask[order[k]!] = 1;
  return { mask, size };
}

/** cv.ts's randomFolds over the training rows, kept as bytes (K ≤ 255) or 16-bit values. */
function foldBytes(n: number, nfolds: number, seed: number): Uint8Array | Uint16Array {
  const folds = randomFolds(n, nfolds, seed);
  return nfolds <= 255 ? new Uint8Array(folds) : new Uint16Array(folds);
}

export interface StreamedFit {
  result: AnalysisResult;
  readSeconds: number;
}

export async function streamingFit(request: StreamingRequest): Promise<StreamedFit> {
  const { path, settings, signal, onProgress } = request;
  const file = basename(path);
  refuseUnsupported(settings, file);
  const markers = new Set(request.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  // Both passes open the path: a file changed or saved over between them is refused.
  const version = await fileVersion(path);
  const size = Number(version.size);
  const started = performance.now();

  // Pass 1: the header, then the data rows counted (the shuffles need n) on the raw bytes.
  const headerLine = await readHeader(path, file);
  const delimiter = detectDelimiter(headerLine, request.delimiter);
  const header = splitFields(headerLine, delimiter, file, 1).map((name) => name.trim());
  const rows =
    (await countRows(path, delimiter, signal, (bytes) =>
      onProgress?.((0.3 * bytes) / Math.max(1, size), 'streaming: counting rows'),
    )) - 1;
  const layout = layoutOf(header, settings, file);
  const p = layout.features.length;

  const split =
    settings.testSplit && testMask(rows, settings.testSplit.fraction, settings.testSplit.seed);
  const trainRows = rows - (split ? split.size : 0);
  if (trainRows < 2)
    throw new DataError(
      `At least 2 rows are needed to fit a model; ${plural(trainRows, 'row')} are left.`,
      { file },
    );
  const { cv } = settings;
  if (cv && (!Number.isInteger(cv.nfolds) || cv.nfolds < 2 || cv.nfolds > trainRows)) {
    throw new DataError(
      `Cross-validation needs between 2 and ${trainRows} folds; got ${cv.nfolds}.`,
      { file },
      'Choose fewer folds, such as 5 or 10.',
    );
  }
  const folds = cv ? foldBytes(trainRows, cv.nfolds, cv.seed) : null;
  const accumulators = Array.from({ length: cv ? cv.nfolds : 1 }, () => new MomentAccumulator(p));
  const testAccumulator = split ? new MomentAccumulator(p) : null;

  // Pass 2: each row into its fold's (or the test rows') statistics, the bytes hashed.
  const hash = createHash('sha256');
  const values = new Float64Array(p);
  let line = 0;
  let row = -1;
  let train = 0;
  let bytes = 0;
  let headerSeen = false;
  // The common cell, a plain decimal (numberFormat.ts's DECIMAL_POINT, checked here by its
  // characters), is read by Number at once, unless some missing marker is itself one.
  const numericMarker = [...markers].some(isPlainDecimal);
  const read = (text: string, r: number, column: number): number => {
    if (!numericMarker && isPlainDecimal(text)) {
      const value = Number(text);
      if (Number.isFinite(value)) return value;
    }
    const raw = text.trim();
    const name = layout.header[column]!;
    if (markers.has(raw)) {
      throw new DataError(
        'The value is missing; streaming mode needs complete rows.',
        { file, row: r, column: name },
        'Fill in or remove the rows with missing values first, or raise --memory-limit to drop them in memory.',
      );
    }
    const value = parseNumber(raw);
    if (value === undefined || !Number.isFinite(value)) {
      throw new DataError(
        `'${raw}' is not a finite number; streaming mode reads numeric columns only.`,
        { file, row: r, column: name },
        'Leave text columns out (--exclude), or raise --memory-limit to read the file in memory.',
      );
    }
    return value;
  };
  const width = header.length;
  const used = new Uint8Array(width);
  for (const j of [...layout.featureIndex, layout.target, layout.weights, layout.offset])
    if (j >= 0) used[j] = 1;
  // The fields a row's statistics need, found with indexOf (no split, no quotes: the common
  // case); anything unusual (quotes, another field count) goes the careful way.
  const cells: string[] = new Array<string>(width).fill('');
  const fieldsOf = (text: string, lineNumber: number): string[] => {
    if (!text.includes('"')) {
      let start = 0;
      let column = 0;
      let ended = false;
      for (; column < width; column++) {
        const end = text.indexOf(delimiter, start);
        const stop = end < 0 ? text.length : end;
        if (used[column]) cells[column] = text.slice(start, stop);
        if (end < 0) {
          ended = true;
          break;
        }
        start = end + delimiter.length;
      }
      if (ended && column === width - 1) return cells;
    }
    const fields = splitFields(text, delimiter, file, lineNumber);
    if (dataFieldCount(fields, width) !== width) {
      throw new DataError(
        `The row has ${plural(fields.length, 'field')}; the header has ${width}.`,
        { file, row: lineNumber },
        'Fix the row, or raise --memory-limit to read the file in memory (which can drop such rows).',
      );
    }
    return fields;
  };
  await forEachLine(
    path,
    signal,
    (text) => {
      line++;
      if (!headerSeen) {
        if (text.trim() !== '') headerSeen = true;
        return;
      }
      if (text === '' || isBlank(text, delimiter)) return;
      row++;
      // More rows than the first pass counted: the folds and the split have no place for it.
      if (row >= rows) throw fileChangedError(path);
      const fields = fieldsOf(text, line);
      for (let j = 0; j < p; j++)
        values[j] = read(fields[layout.featureIndex[j]!]!, line, layout.featureIndex[j]!);
      const y = read(fields[layout.target]!, line, layout.target);
      const offset = layout.offset >= 0 ? read(fields[layout.offset]!, line, layout.offset) : 0;
      let w = 1;
      if (layout.weights >= 0) {
        w = read(fields[layout.weights]!, line, layout.weights);
        if (w < 0) {
          throw new DataError('Observation weights must be ≥ 0.', {
            file,
            row: line,
            column: layout.header[layout.weights]!,
          });
        }
      }
      if (split?.mask[row]) {
        testAccumulator!.add(values, 0, y - offset, w);
        return;
      }
      accumulators[folds ? folds[train]! : 0]!.add(values, 0, y - offset, w);
      train++;
    },
    (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
      onProgress?.(0.3 + (0.6 * bytes) / Math.max(1, size), 'streaming: sufficient statistics');
    },
  );
  if (row + 1 !== rows) throw fileChangedError(path);
  await refuseChanged(path, version);
  const readSeconds = (performance.now() - started) / 1000;
  const foldMoments: Moments[] = accumulators.map((a) => a.finish());
  const full = mergeAll(p, foldMoments);

  const columns: DesignColumn[] = layout.features.map((name) => ({
    name,
    feature: name,
    kind: 'numeric',
  }));
  const penaltyFactor = resolvePenaltyFactors(
    { columns, features: layout.features },
    settings.penaltyFactor,
    file,
  );
  const options = pathOptionsFor(settings, settings.alpha, penaltyFactor);
  const fitStarted = performance.now();
  onProgress?.(0.9, 'streaming: fitting the path');
  const path_ = fitPathFromMoments(full, options);
  const fitSeconds = (performance.now() - fitStarted) / 1000;
  const warnings: Warning[] = path_.diagnostics.warnings.map((w) =>
    named(w, path_.diagnostics.constantColumns, layout.features),
  );
  const cvStarted = performance.now();
  const cvFit = cv
    ? cvFromMoments(foldMoments, path_, options, (done, total) => {
        onProgress?.(
          0.9 + (0.1 * done) / total,
          `streaming: cross-validation fold ${done} of ${total}`,
        );
        return signal?.aborted;
      })
    : undefined;
  const cvSeconds = (performance.now() - cvStarted) / 1000;
  if (cvFit) warnings.push(...cvFit.warnings);
  const test =
    testAccumulator && testScoresFromMoments(testAccumulator.finish(), path_, layout.offset >= 0);
  const at = (l: number) => test && { mse: test.mse[l]!, ...(test.r2 && { r2: test.r2[l]! }) };
  const resolved = path_.options;
  const result: AnalysisResult = {
    version: APP_VERSION,
    data: {
      file,
      sha256: hash.digest('hex'),
      rowsRead: rows,
      rowsUsed: trainRows,
      rowsTest: split ? split.size : 0,
      rowsDropped: 0,
      rowsFiltered: 0,
    },
    settings: {
      family: settings.family,
      target: settings.target,
      positiveClass: null,
      features: layout.features,
      weights: settings.weights ?? null,
      offset: settings.offset ?? null,
      exclude: settings.exclude,
      rows: settings.rows,
      penalty: penaltyName(resolved.alpha),
      alpha: resolved.alpha,
      standardize: resolved.standardize,
      intercept: resolved.intercept,
      nlambda: resolved.nlambda,
      lambdaMinRatio: resolved.lambdaMinRatio!,
      lambda: settings.lambda ?? null,
      penaltyFactor: Object.fromEntries(
        layout.features.map((name, j) => {
          const factor = resolved.penaltyFactor?.[j] ?? 1;
          return [name, factor === Infinity ? EXCLUDED : factor];
        }),
      ),
      thresh: resolved.thresh,
      maxIter: resolved.maxIter,
      maxIterPerLambda: resolved.maxIterPerLambda ?? null,
      pathStop: resolved.pathStop !== false,
      alphas: settings.alphas ?? null,
      cv: settings.cv ?? null,
      testRows: null,
      testSplit: settings.testSplit ?? null,
      missing: settings.missing,
      twoLevelCoding: settings.twoLevelCoding,
    },
    classes: null,
    columns: layout.features,
    designColumns: columns,
    n: trainRows,
    path: {
      lambda: path_.lambda,
      a0: path_.a0,
      beta: path_.beta,
      df: path_.df,
      devRatio: path_.devRatio,
      nulldev: path_.nulldev,
    },
    standardization: path_.standardization,
    diagnostics: {
      converged: path_.diagnostics.converged && (cvFit?.converged ?? true),
      passes: path_.diagnostics.passes,
      sweeps: path_.diagnostics.sweeps,
      lambdaMax: path_.diagnostics.lambdaMax,
      pathStop: path_.diagnostics.pathStop,
      warnings,
      mode: 'streaming',
    },
    ...(cvFit && {
      cv: {
        nfolds: cvFit.summary.nfolds,
        measure: cvFit.summary.measure,
        foldid: [],
        foldLabels: Array.from({ length: cvFit.summary.nfolds }, (_, k) => k + 1),
        lambda: cvFit.summary.lambda,
        cvm: cvFit.summary.cvm,
        cvsd: cvFit.summary.cvsd,
        cvup: cvFit.summary.cvup,
        cvlo: cvFit.summary.cvlo,
        nzero: cvFit.summary.nzero,
        grouped: cvFit.summary.grouped,
        lambdaMin: cvFit.summary.lambdaMin,
        lambda1se: cvFit.summary.lambda1se,
        indexMin: cvFit.summary.indexMin,
        index1se: cvFit.summary.index1se,
        selectionFrequency: cvFit.summary.selectionFrequency,
        outOfFold: { atLambdaMin: [], atLambda1se: [] },
      },
    }),
    ...(test && {
      test: {
        n: test.n,
        mse: test.mse,
        ...(test.r2 && { r2: test.r2 }),
        atLambdaMin: cvFit ? at(cvFit.summary.indexMin)! : null,
        atLambda1se: cvFit ? at(cvFit.summary.index1se)! : null,
      },
    }),
    timing: { readSeconds, fitSeconds, ...(cvFit && { cvSeconds }) },
  };
  return { result, readSeconds };
}

/** The solver numbers constant columns; say their names, as run.ts does. */
function named(warning: Warning, constant: number[], features: string[]): Warning {
  if (warning.code !== 'constant-column' || constant.length === 0) return warning;
  const columns = constant.map((j) => features[j]!);
  return {
    code: 'constant-column',
    columns,
    message: `Constant ${columns.length === 1 ? 'feature' : 'features'} ${columns.map((c) => `'${c}'`).join(', ')} cannot be fitted; ${columns.length === 1 ? 'its coefficient is' : 'their coefficients are'} reported as 0.`,
  };
}
