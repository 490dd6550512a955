/**
 * Stability selection in the report (the stability path as inline SVG, the selected set, the
 * bound and its assumptions) and in the R reproduce code (a plain loop over complementary
 * pairs with glmnet: the stabs package is not assumed).
 *
 * R draws its own half-samples (set.seed and sample), not Shrinkage's mulberry32 ones, so it
 * reproduces the probabilities statistically, not exactly: each is a share of 2B fits, whose
 * sampling standard error is at most 0.5/√(2B) (0.05 for 50 pairs). Listing every half-sample's
 * rows instead would put n·B numbers in the report.
 */
import type { AnalysisResult } from '../analysis/result';
import { BOUND_ASSUMPTIONS, stabilitySentences } from '../analysis/stability';
import { numberLiteral, R } from './codeLiterals';
import { escapeHtml as e } from './escape';
import { PALETTE } from './palette';
import { stabilityPathSvg } from './svg';

/** Lines in the chart: the selected columns and the 30 others reaching the highest probability. */
const SHOWN_OTHERS = 30;

function bdi(text: string): string {
  return `<bdi>${e(text)}</bdi>`;
}

export function stabilityPart(result: AnalysisResult, selectedIndex: number): string {
  const block = result.stability;
  if (!block) return '';
  const lambda = result.path.lambda;
  const logs = lambda.map(Math.log);
  const selected = new Set(block.selected.map((s) => s.column));
  const uncounted = new Set(block.uncounted);
  const p = block.probability[0]?.length ?? 0;
  const peak = (j: number) => Math.max(...block.probability.map((row) => row[j]!));
  const others = Array.from({ length: p }, (_, j) => j)
    .filter((j) => !selected.has(j) && !uncounted.has(j) && peak(j) > 0)
    .sort((a, b) => peak(b) - peak(a))
    .slice(0, SHOWN_OTHERS);
  const series = [...block.selected.map((s) => s.column), ...others].map((j, i) => ({
    name: result.columns[j]!,
    color: PALETTE[i % PALETTE.length]!,
    selected: selected.has(j),
    points: block.probability.map((row, l): [number, number] => [logs[l]!, row[j]!]),
  }));
  const marks = [{ x: logs[block.rangeEnd]!, label: 'end of Λ' }];
  if (selectedIndex !== block.rangeEnd)
    marks.push({ x: logs[selectedIndex]!, label: 'selected λ' });
  const { run, range, bound } = stabilitySentences(block, lambda);
  const rows = block.selected
    .map(
      (s, i) =>
        `<tr><td><span class="swatch" style="background:${PALETTE[i % PALETTE.length]}"></span>${bdi(s.name)}</td><td class="num">${s.maxProbability.toFixed(2)}</td><td class="num">${block.probability[selectedIndex]![s.column]!.toFixed(2)}</td></tr>`,
    )
    .join('');
  const table =
    block.selected.length === 0
      ? `<p>No column reaches π = ${block.threshold} in Λ.</p>`
      : `<table><caption>Selected columns (largest probability in Λ ≥ ${block.threshold})</caption><thead><tr><th>Column</th><th class="num">Largest probability in Λ</th><th class="num">Probability at the selected λ</th></tr></thead><tbody>${rows}</tbody></table>`;
  return `<h2>Stability selection</h2>
<p>${e(run)}. ${e(range)}. Each column's selection probability is the share of half-samples whose fit gives it a nonzero coefficient; a column is selected when it reaches π somewhere in Λ. Columns are design columns (each level of a categorical feature is its own).</p>
<div class="charts"><figure>${stabilityPathSvg(series, block.threshold, marks)}</figure></div>
${table}
<p><strong>Bound:</strong> ${e(bound)}.</p>
<ul class="assumptions">${BOUND_ASSUMPTIONS.map((text) => `<li>${e(text)}</li>`).join('')}</ul>`;
}

/**
 * The R loop over complementary pairs, after `fit` (x, y and, when used, w and o exist);
 * `args` are the fit's glmnet arguments, its λ ones replaced by the path's λ values.
 */
export function rStability(result: AnalysisResult, args: readonly string[]): string[] {
  const block = result.stability;
  if (!block) return [];
  const num = numberLiteral;
  const subsampleArgs = args
    .filter((a) => !/^(lambda|nlambda|lambda\.min\.ratio) = /.test(a))
    .map((a) =>
      a.replace(/^weights = w$/, 'weights = w[rows]').replace(/^offset = o$/, 'offset = o[rows]'),
    );
  const p = result.columns.length;
  return [
    '',
    R.comment(
      `Stability selection: ${block.pairs} complementary pairs of disjoint half-samples of the rows used, each fitted on the path's λ values. R draws its own half-samples, so its probabilities agree with Shrinkage's up to sampling noise (standard error at most 0.5/sqrt(${block.subsamples}) each), not exactly.`,
    ),
    `set.seed(${num(block.seed)})`,
    `B <- ${num(block.pairs)}; half <- floor(nrow(x) / 2); lambdas <- fit$lambda`,
    `last <- ${num(block.rangeEnd + 1)}  # Λ: the first λ down to lambdas[last]`,
    `counted <- rep(TRUE, ${num(p)})  # penalized columns: the bound's p`,
    ...(block.uncounted.length > 0
      ? [
          `counted[c(${block.uncounted.map((j) => num(j + 1)).join(', ')})] <- FALSE  # unpenalized or excluded`,
        ]
      : []),
    `counts <- matrix(0, length(lambdas), ${num(p)}, dimnames = list(NULL, colnames(x)[1:${num(p)}]))`,
    'selected_in_range <- 0',
    'for (b in seq_len(B)) {',
    '  shuffled <- sample(nrow(x))',
    '  for (rows in list(shuffled[1:half], shuffled[(half + 1):(2 * half)])) {',
    `    sub <- glmnet(x[rows, , drop = FALSE], y[rows], ${[...subsampleArgs, 'lambda = lambdas'].join(', ')})`,
    `    nonzero <- t(as.matrix(sub$beta[1:${num(p)}, , drop = FALSE] != 0))`,
    '    counts <- counts + nonzero',
    '    selected_in_range <- selected_in_range + sum(colSums(nonzero[1:last, counted, drop = FALSE]) > 0)',
    '  }',
    '}',
    "probability <- counts / (2 * B)  # λ × column, as Shrinkage's stability.probability",
    'largest <- apply(probability[1:last, counted, drop = FALSE], 2, max)',
    `sort(largest[largest >= ${num(block.threshold)}], decreasing = TRUE)  # the selected set`,
    'q <- selected_in_range / (2 * B)  # mean columns selected per half-sample in Λ',
    `c(q = q, bound = q^2 / ((2 * ${num(block.threshold)} - 1) * sum(counted)))  # E[V] ≤ q² / ((2π − 1)·p)`,
    R.comment(
      `Shrinkage: q = ${num(block.q)}, bound = ${block.bound === null ? 'none' : num(block.bound)} with p = ${num(block.penalized)}.`,
    ),
  ];
}
