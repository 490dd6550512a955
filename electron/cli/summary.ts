/**
 * The readable report the CLI prints when no --json file is asked for. Names in it (and in
 * every warning and error it prints for people) have their hidden characters marked ⟨U+…⟩, as
 * the report and the app show them; JSON output keeps them exactly.
 */

import {
  type AlphaSearch,
  alphaComparison,
  cvMaximizes,
  RULE_LABEL,
  rulesAvailable,
} from '../../shared/analysis/alphaComparison';
import { describeCertificate } from '../../shared/analysis/certify';
import { codingSentences } from '../../shared/analysis/coding';
import {
  DEFAULT_FAMILY,
  describeFamily,
  type TestMetric,
  type TestMetricKey,
} from '../../shared/analysis/families';
import {
  icChoicesSentence,
  icDfSentence,
  icFormSentence,
} from '../../shared/analysis/informationCriteriaText';
import type { AnalysisResult } from '../../shared/analysis/result';
import { BOUND_ASSUMPTIONS, stabilitySentences } from '../../shared/analysis/stability';
import { plural } from '../../shared/plural';
import { markHidden } from '../../shared/report/unicode';
import { describePathStop } from '../../shared/solver/pathStop';
import { groupWarnings, type Warning, warningGroupText } from '../../shared/warning';
import { formatBytes } from '../services/memoryBudget';

/** Where the memory budget came from, in the summary's words. */
const BUDGET_SOURCE = {
  flag: '--memory-limit',
  environment: 'SHRINKAGE_MEMORY_LIMIT',
  machine: "half of this machine's memory",
} as const;

/**
 * One `warning:` line per warning, a CV warning repeated across folds once ("In folds 2, 5 and
 * 7: …"), as the app and the report show them; names marked.
 */
export function printWarnings(
  warnings: readonly Warning[],
  io: { err: (text: string) => void },
): void {
  for (const group of groupWarnings(warnings)) {
    io.err(`warning: ${markHidden(warningGroupText(group))}`);
  }
}

const ALPHA_LABEL: Record<string, string> = {
  lasso: 'lasso',
  ridge: 'ridge',
  'elastic-net': 'elastic net',
};

export function formatNumber(value: number, digits = 4): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}

/** Indices of `count` path points spread evenly from the first λ to the last. */
export function spreadIndices(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, k) => k);
  return Array.from({ length: count }, (_, k) => Math.round((k * (length - 1)) / (count - 1)));
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    )
    .join('\n');
}

export function formatSummary(result: AnalysisResult, maxColumns = 6): string {
  const { settings, path, data } = result;
  const lines: string[] = [];
  const alpha = settings.alpha;
  // The family is named when it is not the default; a two-class target says which class is 1.
  const family =
    settings.family && settings.family !== DEFAULT_FAMILY
      ? `, ${describeFamily(settings.family).label},`
      : '';
  const predicting = result.classes
    ? `P('${settings.target}' = '${result.classes.positive}') against '${result.classes.negative}'`
    : `'${settings.target}'`;
  lines.push(
    markHidden(
      `${ALPHA_LABEL[settings.penalty]} (α = ${alpha})${family} predicting ${predicting} from ${plural(result.columns.length, 'column')} of ${data.file}` +
        (settings.weights ? `, weighted by '${settings.weights}'` : '') +
        (settings.offset ? `, offset '${settings.offset}'` : ''),
    ),
  );
  // How text features became columns: which level a two-level feature's 0/1 column is 1 for.
  for (const sentence of codingSentences(result.designColumns ?? []))
    lines.push(markHidden(`coding: ${sentence}`));
  lines.push(
    `rows: ${data.rowsUsed} used of ${data.rowsRead} read` +
      (data.rowsTest > 0
        ? `, ${data.rowsTest} held out for testing${settings.testSplit ? ` (a random ${Number((100 * settings.testSplit.fraction).toPrecision(6))}%, seed ${settings.testSplit.seed})` : ''}`
        : '') +
      (data.rowsFiltered > 0 ? `, ${data.rowsFiltered} filtered out` : '') +
      (data.rowsDropped > 0 ? `, ${data.rowsDropped} dropped for missing values` : ''),
  );
  // Coefficient bounds (glmnet's lower.limits / upper.limits), by design column.
  const bounds = [
    ...Object.entries(settings.lowerLimits ?? {}).map(([c, v]) => `'${c}' ≥ ${formatNumber(v)}`),
    ...Object.entries(settings.upperLimits ?? {}).map(([c, v]) => `'${c}' ≤ ${formatNumber(v)}`),
  ];
  if (bounds.length > 0) lines.push(markHidden(`bounds: ${bounds.join(', ')}`));
  const last = path.lambda.length - 1;
  lines.push(
    `path: ${plural(path.lambda.length, 'λ value')} from ${formatNumber(path.lambda[0]!)} to ${formatNumber(path.lambda[last]!)}; ` +
      `${plural(path.df[last]!, 'nonzero coefficient')} and ${formatNumber(100 * path.devRatio[last]!, 3)}% of deviance explained at the smallest λ`,
  );
  const stop = result.diagnostics.pathStop;
  if (stop) lines.push(`      ${describePathStop(stop)}; --no-path-stop fits every value`);
  lines.push(
    `solver: ${result.diagnostics.converged ? 'converged' : 'NOT converged at every λ (see warnings)'} in ` +
      `${result.diagnostics.sweeps.reduce((a, b) => a + b, 0)} sweeps; fit ${result.timing.fitSeconds.toFixed(3)} s, read ${result.timing.readSeconds.toFixed(3)} s`,
  );
  const memory = result.diagnostics.memory;
  const why = memory
    ? `about ${formatBytes(memory.neededBytes)} needed, budget ${formatBytes(memory.limitBytes)} (${BUDGET_SOURCE[memory.limitSource]})`
    : '--memory-limit';
  if (result.diagnostics.mode === 'streaming')
    lines.push(
      `mode: streaming, from sufficient statistics (the data were not held in memory; ${why})`,
    );
  const certificate = result.diagnostics.certificate;
  if (certificate) lines.push(`certificate: ${describeCertificate(certificate)}`);
  if (result.alphaSearch) lines.push('', ...alphaTable(result, result.alphaSearch));
  const cv = result.cv;
  if (cv) {
    lines.push(
      '',
      `${cv.nfolds}-fold cross-validation (${cv.measure}): λ_min = ${formatNumber(cv.lambdaMin)} ` +
        `(CV ${cv.measure} ${formatNumber(cv.cvm[cv.indexMin]!)} ± ${formatNumber(cv.cvsd[cv.indexMin]!)}, ${cv.nzero[cv.indexMin]} nonzero); ` +
        `λ_1se = ${formatNumber(cv.lambda1se)} (CV ${cv.measure} ${formatNumber(cv.cvm[cv.index1se]!)}, ${cv.nzero[cv.index1se]} nonzero); ` +
        `${result.timing.cvSeconds?.toFixed(3)} s`,
    );
  }
  const ic = result.informationCriteria;
  if (ic) {
    lines.push(
      '',
      `information criteria (no CV): ${icChoicesSentence(ic, (k) => path.df[k]!)}`,
      `      ${icFormSentence(ic)}`,
      `      ${icDfSentence(ic)}`,
    );
  }
  if (result.relaxed) lines.push(...relaxedLines(result, result.relaxed));
  if (result.stability) lines.push('', ...stabilityLines(result));
  const test = result.test;
  if (test) {
    // The family's test metrics (its descriptor says which, how labelled, to how many digits).
    const { testMetrics } = describeFamily(settings.family);
    const metrics = (
      which: readonly TestMetric[],
      value: (key: TestMetricKey) => number | null | undefined,
    ) =>
      which
        // A metric the result does not carry (a streamed fit's MAE) is left out.
        .filter((m) => value(m.key) !== undefined)
        .map((m) => `${m.label} ${formatNumber(value(m.key) ?? Number.NaN, m.digits)}`)
        .join(', ');
    const at = (label: string, m: Partial<Record<TestMetricKey, number | null>> | null) =>
      m ? `${label}: ${metrics(testMetrics, (key) => m[key])}` : '';
    lines.push(
      `test rows: ${test.n} held out` +
        [at('; at λ_min', test.atLambdaMin), at('; at λ_1se', test.atLambda1se)].join('') +
        (test.atLambdaMin
          ? ''
          : `; at the smallest λ: ${metrics(
              testMetrics.filter((m) => m.headline),
              (key) => test[key]?.[last],
            )}`),
    );
  }
  const picks = spreadIndices(path.lambda.length, maxColumns);
  const header = ['', ...picks.map((k) => `λ=${formatNumber(path.lambda[k]!)}`)];
  const { shown, omitted } = summaryColumns(result.columns.length, path.beta, picks);
  const rows = [
    header,
    ['(intercept)', ...picks.map((k) => formatNumber(path.a0[k]!))],
    ...shown.map((j) => [
      markHidden(result.columns[j]!),
      ...picks.map((k) => {
        const b = path.beta[k]![j]!;
        return b === 0 ? '·' : formatNumber(b);
      }),
    ]),
    ['nonzero', ...picks.map((k) => String(path.df[k]))],
    ['dev. ratio', ...picks.map((k) => formatNumber(path.devRatio[k]!, 3))],
  ];
  lines.push(
    '',
    `Coefficients (original scale; · = 0) at ${picks.length} of ${path.lambda.length} λ values:`,
    table(rows),
  );
  if (omitted.zero + omitted.later > 0) {
    const parts = [
      omitted.later > 0
        ? `${plural(omitted.later, 'other column')} nonzero at some λ shown (entering later)`
        : '',
      omitted.zero > 0 ? `${plural(omitted.zero, 'column')} zero at every λ shown` : '',
    ].filter(Boolean);
    lines.push(`      not listed: ${parts.join('; ')}; --json, --report or --model have them all`);
  }
  return lines.join('\n');
}

/** Up to this many columns the summary lists every one, zero or not. */
const LIST_EVERY_COLUMN = 30;
/** Beyond it, at most this many: those nonzero at some λ shown, the first to enter the path first. */
const MAX_LISTED_COLUMNS = 50;

/**
 * The design columns the coefficient table lists, in the file's order: all of them on a
 * narrow design; on a wide one (a 20 000-column file printed 20 000 rows of dots) only those
 * nonzero at some λ shown, at most MAX_LISTED_COLUMNS, the earliest to enter, with counts of
 * the rest.
 */
function summaryColumns(
  p: number,
  beta: readonly (readonly number[])[],
  picks: readonly number[],
): { shown: number[]; omitted: { zero: number; later: number } } {
  const all = Array.from({ length: p }, (_, j) => j);
  if (p <= LIST_EVERY_COLUMN) return { shown: all, omitted: { zero: 0, later: 0 } };
  const entry = all.map((j) => picks.findIndex((k) => beta[k]![j] !== 0));
  const nonzero = all.filter((j) => entry[j]! >= 0);
  const kept = [...nonzero]
    .sort((a, b) => entry[a]! - entry[b]! || a - b)
    .slice(0, MAX_LISTED_COLUMNS)
    .sort((a, b) => a - b);
  return {
    shown: kept,
    omitted: { zero: p - nonzero.length, later: nonzero.length - kept.length },
  };
}

/**
 * Every α compared, ranked at λ_1se (the λ the CLI's outputs select by default with CV) where
 * the result has it, with both rules' CV values and the candidates within one SE of the best,
 * as the app's comparison and the report rank them (shared/analysis/alphaComparison.ts).
 */
function alphaTable(result: AnalysisResult, search: AlphaSearch): string[] {
  const rule = rulesAvailable(search).includes('1se') ? '1se' : 'min';
  const rows = alphaComparison(search, rule, cvMaximizes(result));
  const measure = result.cv?.measure ?? '';
  const byAlpha = new Map(search.candidates.map((c) => [c.alpha, c]));
  return [
    `α compared on the same folds, ranked by CV ${measure} at ${RULE_LABEL[rule]} (the chosen α is the best at λ_min):`,
    table([
      [
        'rank',
        'α',
        `CV at ${RULE_LABEL[rule]}`,
        '± SE',
        RULE_LABEL[rule],
        'CV at λ_min',
        'λ_min',
        'vs best',
      ],
      ...rows.map((row) => {
        const c = byAlpha.get(row.alpha)!;
        return [
          String(row.rank),
          `${row.alpha} ${row.label}${row.chosen ? ' (chosen)' : ''}`,
          formatNumber(row.cvm),
          formatNumber(row.cvsd),
          formatNumber(row.lambda),
          formatNumber(c.cvmMin),
          formatNumber(c.lambdaMin),
          row.rank === 1 ? 'best' : row.withinOneSe ? 'within 1 SE' : '',
        ];
      }),
    ]),
  ];
}

/**
 * The relaxed lasso: the γ blended and, with CV, the (λ, γ) chosen by min and 1se with their
 * CV values (cv.glmnet(relax = TRUE)'s print).
 */
function relaxedLines(
  result: AnalysisResult,
  relaxed: NonNullable<AnalysisResult['relaxed']>,
): string[] {
  const gammas = relaxed.gammas.map((g) => formatNumber(g)).join(', ');
  const cv = relaxed.cv;
  const measure = result.cv?.measure;
  if (!cv || !measure)
    return [
      '',
      `relaxed lasso: γ = ${gammas} blended with the unpenalized refits; add --cv K to choose (λ, γ)`,
    ];
  const at = (l: number, g: number) =>
    `λ = ${formatNumber(result.path.lambda[l]!)}, γ = ${formatNumber(relaxed.gammas[g]!)} ` +
    `(CV ${measure} ${formatNumber(cv.cvm[g]![l]!)} ± ${formatNumber(cv.cvsd[g]![l]!)}, ${result.path.df[l]} nonzero)`;
  return [
    '',
    `relaxed lasso over γ = ${gammas} on the same folds: min at ${at(cv.indexMin, cv.gammaIndexMin)}; ` +
      `1se at ${at(cv.index1se, cv.gammaIndex1se)}`,
  ];
}

/** The selected set with each column's largest probability in Λ, the bound and its assumptions. */
function stabilityLines(result: AnalysisResult): string[] {
  const block = result.stability!;
  const { run, range, bound } = stabilitySentences(block, result.path.lambda);
  const selected =
    block.selected.length === 0
      ? 'none'
      : block.selected
          .map((s) => `${markHidden(s.name)} ${s.maxProbability.toFixed(2)}`)
          .join(', ');
  return [
    `stability selection: ${run}; ${(block.seconds).toFixed(3)} s`,
    `  ${range}`,
    `  selected (largest selection probability in Λ ≥ ${block.threshold}): ${selected}`,
    `  ${bound}`,
    ...BOUND_ASSUMPTIONS.map((text) => `  assumption: ${text}`),
  ];
}
