/**
 * The report: one self-contained HTML file a colleague can open offline and trust. Inline CSS
 * and SVG charts, no script, nothing fetched (a Content-Security-Policy meta tag forbids it),
 * every user-provided string escaped. Prints to PDF with its own print stylesheet.
 */

import {
  alphaComparison,
  cvMaximizes,
  oneSeBound,
  RULE_LABEL,
  ruleAt,
  rulesAvailable,
} from '../analysis/alphaComparison';
import { describeCertificate } from '../analysis/certify';
import {
  calibrationBins,
  confusionAt,
  EXP_COEFFICIENT,
  poissonDevianceResidual,
  rocCurve,
} from '../analysis/classification';
import { codingSentences, twoLevelDummies } from '../analysis/coding';
import { shownCoefficients, shownEntryIndices } from '../analysis/coefficientNoise';
import { proposeCoefficientScale, scaleReason } from '../analysis/coefficientScale';
import { describeFamily } from '../analysis/families';
import {
  IC_KEYS,
  IC_LABEL,
  IC_LAMBDA_LABEL,
  icChoice,
  icDfSentence,
  icFormSentence,
} from '../analysis/informationCriteriaText';
import type { SelectedPoint } from '../analysis/model';
import type { AnalysisResult } from '../analysis/result';
import { formatDateTime } from '../humanDate';
import { plural } from '../plural';
import { describePathStop } from '../solver/pathStop';
import { blendCoefficients } from '../solver/relaxedBlend';
import { groupWarnings, warningGroupText } from '../warning';
import { escapeHtml as e, escapeMarkup } from './escape';
import { PALETTE } from './palette';
import { pysparkCode, pythonCode, rCode } from './reproduce';
import { stabilityPart } from './stability';
import {
  alphaCvSvg,
  calibrationSvg,
  cvChartSvg,
  icChartSvg,
  pathChartSvg,
  rocSvg,
  scatterSvg,
} from './svg';
import { hiddenCharacterWarning } from './unicode';

export interface ReportPredictions {
  set: 'train' | 'test' | 'outOfFold';
  actual: number[];
  /** On the response scale: probabilities (logistic), expected counts (Poisson). */
  predicted: number[];
  weights?: number[] | undefined;
  metrics: { mse: number; mae: number; r2: number | null };
}

/**
 * What the report says and draws of the predictions at the selected λ, by the kind of target:
 * ROC and calibration for two classes, predicted against observed counts, or against actual.
 */
function predictionPart(
  predictions: ReportPredictions,
  targetKind: 'numeric' | 'binary' | 'count',
  target: string,
  positive: string | undefined,
): { charts: string[]; line: string } {
  const rows =
    predictions.set === 'test'
      ? 'test'
      : predictions.set === 'outOfFold'
        ? 'out-of-fold training'
        : 'training';
  const { actual: y, predicted: p, weights: w } = predictions;
  if (targetKind === 'binary') {
    const roc = rocCurve(y, p, w);
    const table = confusionAt(y, p, 0.5, w);
    const total =
      table.truePositive + table.falseNegative + table.falsePositive + table.trueNegative;
    const wrong = (table.falseNegative + table.falsePositive) / total;
    const of = positive === undefined ? '' : ` = ${bdi(positive)}`;
    return {
      charts: [rocSvg(roc.points, fmt(roc.auc, 3)), calibrationSvg(calibrationBins(y, p, 10, w))],
      line: `At the selected λ on the ${rows} rows, predicting P(${bdi(target)}${of}): AUC ${fmt(roc.auc, 3)}; at threshold 0.5, ${fmt(table.truePositive)} true and ${fmt(table.falsePositive)} false positives, ${fmt(table.trueNegative)} true and ${fmt(table.falseNegative)} false negatives (misclassification ${fmt(wrong, 3)}); calibration in 10 bins of predicted probability.`,
    };
  }
  const scatter = scatterSvg(
    y.map((a, i) => [a, p[i]!]),
    `${targetKind === 'count' ? 'observed' : 'actual'} ${target}`,
    targetKind === 'count' ? 'expected count' : 'predicted',
    `Predicted vs ${targetKind === 'count' ? 'observed' : 'actual'} (${rows} rows)`,
  );
  if (targetKind === 'count') {
    const residuals = y.map((yi, i) => poissonDevianceResidual(yi, p[i]!));
    const deviance = residuals.reduce((sum, d, i) => sum + (w ? w[i]! : 1) * d * d, 0);
    const largest = residuals.reduce((m, d) => Math.max(m, Math.abs(d)), 0);
    return {
      charts: [scatter],
      line: `At the selected λ on the ${rows} rows: MSE ${fmt(predictions.metrics.mse)}, MAE ${fmt(predictions.metrics.mae)} of the counts, Poisson deviance ${fmt(deviance)}, largest deviance residual ${fmt(largest, 3)}.`,
    };
  }
  return {
    charts: [scatter],
    line: `At the selected λ on the ${rows} rows: MSE ${fmt(predictions.metrics.mse)}, MAE ${fmt(predictions.metrics.mae)}, R² ${fmt(predictions.metrics.r2, 3)}.`,
  };
}

/** " (λ_BIC = λ_EBIC)": the criteria whose choice the reported λ is, or nothing. */
function icRuleNote(ic: NonNullable<AnalysisResult['informationCriteria']>, k: number): string {
  const rules = IC_KEYS.filter((key) => icChoice(ic, key).index === k).map(
    (key) => IC_LAMBDA_LABEL[key],
  );
  return rules.length > 0 ? ` (${rules.join(' = ')})` : '';
}

export interface ReportModel {
  result: AnalysisResult;
  /** The λ index the analyst chose (the nearest fitted λ when `point` is given). */
  selectedIndex: number;
  /** A λ off the path, its coefficients interpolated as predict.glmnet (CLI --select value). */
  point?: SelectedPoint | undefined;
  predictions?: ReportPredictions | undefined;
  generatedAt: Date;
}

export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const fmt = (v: number | null | undefined, digits = 4) => {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  return Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3
    ? v.toExponential(digits - 1)
    : Number(v.toPrecision(digits)).toString();
};

/** A user's name in running text: marked (escapeHtml) and isolated, so it cannot reorder what is around it. */
const bdi = (text: string) => `<bdi>${e(text)}</bdi>`;

const PENALTY = { lasso: 'Lasso', ridge: 'Ridge', 'elastic-net': 'Elastic net' } as const;

function table(caption: string, head: string[], rows: string[][], numeric: boolean[] = []): string {
  const th = head
    .map((h, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${e(h)}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${cell}</th>` : `<td${numeric[i] ? ' class="num"' : ''}>${cell}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<table><caption>${e(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * The α comparison: every candidate ranked at the rule of the report's λ (λ_min when it is
 * λ_min, else λ_1se), as the app ranks it, with the curves of every α overlaid.
 */
function alphaComparisonPart(result: AnalysisResult, k: number, measure: string): string {
  const search = result.alphaSearch!;
  const rule = rulesAvailable(search).includes(ruleAt(result, k)) ? ruleAt(result, k) : 'min';
  const maximize = cvMaximizes(result);
  const rows = alphaComparison(search, rule, maximize);
  const name = RULE_LABEL[rule];
  const color = (alpha: number) =>
    PALETTE[
      Math.max(
        0,
        search.candidates.findIndex((c) => c.alpha === alpha),
      ) % PALETTE.length
    ]!;
  const curves = search.candidates.flatMap((c) =>
    c.cv
      ? [
          {
            name: `α = ${c.alpha}`,
            color: color(c.alpha),
            points: c.cv.lambda.map((l, i): [number, number] => [Math.log(l), c.cv!.cvm[i]!]),
          },
        ]
      : [],
  );
  const chart =
    curves.length > 0
      ? `<figure>${alphaCvSvg(
          curves,
          rows.map((row) => ({ x: Math.log(row.lambda), y: row.cvm, color: color(row.alpha) })),
          { y: oneSeBound(rows, maximize), label: `best ${maximize ? '−' : '+'} 1 SE at ${name}` },
          `CV ${measure}`,
        )}</figure>`
      : '';
  return `<h2>α compared on the same folds</h2>
<p>Each α was cross-validated on the same folds. Ranked by CV ${e(measure)} at each α’s own ${name} (${k === result.cv?.indexMin || k === result.cv?.index1se ? 'the rule of the λ reported above' : 'the default rule: the λ reported above is at neither rule'}); “within 1 SE” means no ${maximize ? 'lower' : 'higher'} than the best value ${maximize ? 'minus' : 'plus'} its standard error. The model reported is the chosen α = ${search.bestAlpha} (the best at λ_min).</p>
${table(
  `Every α at its ${name}`,
  ['Rank', 'α', `CV ${measure} at ${name}`, '± SE', name, 'Features', 'Compared with the best'],
  rows.map((row) => [
    String(row.rank),
    `${row.alpha} (${row.label})${row.chosen ? ' — chosen' : ''}`,
    fmt(row.cvm),
    fmt(row.cvsd),
    fmt(row.lambda),
    row.nzero === undefined ? '—' : String(row.nzero),
    row.rank === 1 ? 'best' : row.withinOneSe ? 'within 1 SE' : 'worse',
  ]),
  [true, false, true, true, true, true, false],
)}
${chart}`;
}

/**
 * The CV-free choice: AIC, BIC and EBIC against λ, each criterion's λ in a table, and what σ²
 * and df were (shared/analysis/informationCriteriaText.ts words it for every view).
 */
function informationCriteriaPart(
  result: AnalysisResult,
  k: number,
  marks: { x: number; label: string }[],
): string {
  const ic = result.informationCriteria!;
  const logs = result.path.lambda.map(Math.log);
  const colors = { aic: PALETTE[0]!, bic: PALETTE[1]!, ebic: PALETTE[2]! };
  const curves = IC_KEYS.map((key) => {
    const { index } = icChoice(ic, key);
    return {
      name: IC_LABEL[key],
      color: colors[key],
      points: ic[key].map((v, l): [number, number] => [logs[l]!, v]),
      minimum: [logs[index]!, ic[key][index]!] as [number, number],
    };
  });
  const selectedMark = marks.filter((m) => m.x === logs[k]);
  return `<h2>λ chosen without cross-validation</h2>
<p class="ic-form">${e(icFormSentence(ic))} ${e(icDfSentence(ic))} Each criterion chooses the λ of the path where it is smallest; n = ${ic.n}.</p>
${table(
  'Information criteria',
  ['Criterion', 'λ chosen', 'Nonzero', 'df', 'Value', 'Is the reported λ'],
  IC_KEYS.map((key) => {
    const { index, lambda } = icChoice(ic, key);
    return [
      `${IC_LABEL[key]} (${IC_LAMBDA_LABEL[key]})`,
      fmt(lambda),
      String(result.path.df[index]),
      fmt(ic.df[index]!),
      fmt(ic[key][index]!),
      index === k ? 'yes' : 'no',
    ];
  }),
  [false, true, true, true, true, false],
)}
<div class="charts">${icChartSvg(curves, selectedMark)}</div>`;
}

/**
 * The relaxed lasso: with CV, the CV curve of every γ on one log-λ axis with the (λ, γ) of min
 * and 1se marked and the bound of the 1se rule, a table of the two choices, and the blended
 * coefficients at each; without CV, the γ blended.
 */
function relaxedPart(result: AnalysisResult, measure: string | undefined): string {
  const relaxed = result.relaxed!;
  const gammas = relaxed.gammas.map((g) => fmt(g)).join(', ');
  const cv = relaxed.cv;
  if (!cv || !measure)
    return `<h2>Relaxed lasso</h2><p>Each λ's active set was refitted without penalty and blended with the penalized fit by γ = ${gammas} (glmnet's relax = TRUE); cross-validation would choose (λ, γ).</p>`;
  const color = (g: number) => PALETTE[g % PALETTE.length]!;
  const lambda = result.path.lambda;
  const curves = relaxed.gammas.map((gamma, g) => ({
    name: `γ = ${gamma}`,
    color: color(g),
    points: lambda.map((l, i): [number, number] => [Math.log(l), cv.cvm[g]![i]!]),
  }));
  const choices = [
    { rule: 'min', l: cv.indexMin, g: cv.gammaIndexMin },
    { rule: '1se', l: cv.index1se, g: cv.gammaIndex1se },
  ];
  const maximize = cvMaximizes(result);
  const bound =
    cv.cvm[cv.gammaIndexMin]![cv.indexMin]! +
    (maximize ? -1 : 1) * cv.cvsd[cv.gammaIndexMin]![cv.indexMin]!;
  const chart = alphaCvSvg(
    curves,
    choices.map(({ l, g }) => ({ x: Math.log(lambda[l]!), y: cv.cvm[g]![l]!, color: color(g) })),
    { y: bound, label: `min ${maximize ? '−' : '+'} 1 SE` },
    `CV ${measure}`,
    'CV error of every γ (relaxed lasso)',
    'Cross-validation error of the relaxed lasso at every γ against log λ',
  );
  const blended = choices.map(({ l, g }) =>
    blendCoefficients(
      { a0: result.path.a0[l]!, beta: result.path.beta[l]! },
      { a0: relaxed.a0[l]!, beta: relaxed.beta[l]! },
      relaxed.gammas[g]!,
    ),
  );
  const shown = result.columns.flatMap((name, j) =>
    blended.some((b) => b.beta[j] !== 0) ? [{ name, j }] : [],
  );
  return `<h2>Relaxed lasso</h2>
<p>Each λ's active set was refitted without penalty and blended with the penalized fit, γ·penalized + (1 − γ)·refit, for γ = ${gammas} (glmnet's relax = TRUE), and (λ, γ) cross-validated on the same folds: min is the best CV ${e(measure)} (ties: the larger λ, then γ); 1se the largest λ within one standard error of it.</p>
${table(
  'The (λ, γ) chosen',
  ['Rule', 'λ', 'γ', `CV ${measure}`, '± SE', 'Features'],
  choices.map(({ rule, l, g }) => [
    rule,
    fmt(lambda[l]!),
    fmt(relaxed.gammas[g]!),
    fmt(cv.cvm[g]![l]!),
    fmt(cv.cvsd[g]![l]!),
    String(result.path.df[l]),
  ]),
  [false, true, true, true, true, true],
)}
<figure>${chart}</figure>
${table(
  'Relaxed coefficients (original scale) at the chosen (λ, γ)',
  ['Feature', 'min', '1se'],
  [
    ['(intercept)', ...blended.map((b) => fmt(b.a0))],
    ...shown.map(({ name, j }) => [bdi(name), ...blended.map((b) => fmt(b.beta[j]!))]),
  ],
  [false, true, true],
)}`;
}

export function renderReport({
  result,
  selectedIndex,
  point,
  predictions,
  generatedAt,
}: ReportModel): string {
  const s = result.settings;
  // Ridge keeps every feature: its table is of coefficients, and no feature "enters" the path.
  const ridge = s.penalty === 'ridge';
  const family = describeFamily(s.family);
  const measureLabel = (id: string) => family.measures.find((m) => m.id === id)?.label ?? id;
  const ratio = EXP_COEFFICIENT[family.name];
  const cv = result.cv;
  const k = selectedIndex;
  const lambda = point ? point.lambda : result.path.lambda[k]!;
  const logs = result.path.lambda.map(Math.log);
  // Marks at the same λ share one line and one label ("selected = λ_1se").
  const markAt = new Map<number, string[]>();
  const addMark = (index: number, label: string) =>
    markAt.set(index, [...(markAt.get(index) ?? []), label]);
  addMark(k, 'selected');
  if (cv) {
    addMark(cv.index1se, 'λ_1se');
    addMark(cv.indexMin, 'λ_min');
  }
  const ic = result.informationCriteria;
  if (ic) for (const key of IC_KEYS) addMark(icChoice(ic, key).index, IC_LAMBDA_LABEL[key]);
  const marks = [...markAt].map(([index, labels]) => ({
    x: logs[index]!,
    label: labels.join(' = '),
  }));
  // The app's rule for the path's scale (shared/analysis/coefficientScale.ts), with its reason.
  const scale = proposeCoefficientScale(result);
  const { xSd: sds, ySd } = result.standardization;
  const factor = (j: number) => (scale.scale === 'standardized' && ySd > 0 ? sds[j]! / ySd : 1);
  const scaleNote = scaleReason(scale, scale.scale);
  const series = result.columns.map((name, j) => ({
    name,
    color: PALETTE[j % PALETTE.length]!,
    points: result.path.beta.map((row, l) => [logs[l]!, row[j]! * factor(j)] as [number, number]),
  }));
  // Rounding noise reads as 0 here too (shared/analysis/coefficientNoise.ts).
  const { xSd } = result.standardization;
  const shown = shownCoefficients(point ? point.beta : result.path.beta[k]!, xSd);
  const selected = result.columns
    .map((name, j) => ({ name, j, b: shown[j]! }))
    .filter((c) => c.b !== 0)
    .sort(
      (a, b) =>
        Math.abs(b.b * result.standardization.xSd[b.j]!) -
        Math.abs(a.b * result.standardization.xSd[a.j]!),
    );
  const entry = shownEntryIndices(result.path.beta, xSd);
  const entered = (j: number) => result.path.lambda[entry[j]!]!;
  const reproduce = { index: k, dataPath: result.data.file, lambda: point?.lambda };
  const hidden = hiddenCharacterWarning([
    result.data.file,
    s.target,
    ...result.columns,
    // A two-level feature's reference level is named only in the coding sentence.
    ...twoLevelDummies(result.designColumns ?? []).map((d) => d.reference),
    ...s.rows.flatMap((f) => [f.column, f.value]),
    ...(s.testRows ? [s.testRows.column, s.testRows.value] : []),
  ]);
  const warnings = [
    ...groupWarnings(result.diagnostics.warnings).map(warningGroupText),
    ...(hidden ? [hidden] : []),
  ];
  // Which level each two-level feature's 0/1 column is 1 for (names escaped and isolated).
  const coding = codingSentences(result.designColumns ?? [], bdi);
  const settingsRows: [string, string][] = [
    ['Target', bdi(s.target)],
    ['Features', `${s.features.length}: ${s.features.map(bdi).join(', ')}`],
    ['Design columns', String(result.columns.length)],
    ...(coding.length > 0 ? [['Text features', coding.join(' ')] as [string, string]] : []),
    ['Observation weights', s.weights ? `column ${bdi(s.weights)}` : 'none (every row weighs 1)'],
    ['Offset', s.offset ? `column ${bdi(s.offset)}, added to every prediction` : 'none'],
    ['Penalty', `${PENALTY[s.penalty]} — α (L1 ratio: 1 = lasso, 0 = ridge) = ${s.alpha}`],
    [
      'λ (penalty strength)',
      s.lambda
        ? s.lambda.length === 1
          ? `exact fit at the given λ = ${fmt(s.lambda[0]!)}`
          : `${s.lambda.length} given values (exact fits)`
        : `${s.nlambda} values down to ${fmt(s.lambdaMinRatio ?? null)} × λ_max (${result.path.lambda.length} used${result.diagnostics.pathStop ? `; ${e(describePathStop(result.diagnostics.pathStop))}` : s.pathStop === false ? '; early stop turned off' : ''})`,
    ],
    ['Standardize / intercept', `${s.standardize ? 'yes' : 'no'} / ${s.intercept ? 'yes' : 'no'}`],
    [
      'Missing values',
      s.missing === 'drop' ? 'rows with a missing value dropped' : 'imputed from training rows',
    ],
    [
      'Row filters',
      s.rows.length ? s.rows.map((f) => `${bdi(f.column)} = ${bdi(f.value)}`).join('; ') : 'none',
    ],
    [
      'Test rows',
      s.testRows
        ? `${bdi(s.testRows.column)} = ${bdi(s.testRows.value)} (${plural(result.data.rowsTest ?? 0, 'row')})`
        : s.testSplit
          ? `a random ${Number((100 * s.testSplit.fraction).toPrecision(6))}% (seed ${s.testSplit.seed}, mulberry32): ${plural(result.data.rowsTest ?? 0, 'row')}, listed in the reproduce code`
          : 'none',
    ],
    [
      'Cross-validation',
      cv
        ? `${cv.nfolds} folds (${s.cv?.foldidColumn ? `column ${bdi(s.cv.foldidColumn)}` : `seed ${s.cv?.seed}, mulberry32`}), measure ${cv.measure}${cv.grouped === false ? '; standard errors from the rows’ errors (grouped = FALSE)' : ''}; out-of-fold predictions kept ${s.cv?.keep ? 'at every λ (keep)' : 'at λ_min and λ_1se'}`
        : 'none',
    ],
    ...(s.lowerLimits || s.upperLimits
      ? [
          [
            'Coefficient bounds',
            `${[
              ...Object.entries(s.lowerLimits ?? {}).map(([c, v]) => `${bdi(c)} ≥ ${fmt(v)}`),
              ...Object.entries(s.upperLimits ?? {}).map(([c, v]) => `${bdi(c)} ≤ ${fmt(v)}`),
            ].join(', ')} (glmnet's lower.limits / upper.limits; the others unbounded)`,
          ] as [string, string],
        ]
      : []),
    [
      'Convergence',
      `thresh ${s.thresh}, at most ${s.maxIter} coordinate passes over the path (glmnet's maxit)${s.maxIterPerLambda ? ` and ${s.maxIterPerLambda} per λ` : ''}; ${result.diagnostics.converged ? 'converged at every λ' : 'NOT converged everywhere (see warnings)'}`,
    ],
    ...(result.diagnostics.certificate
      ? [
          [
            'Convergence certificate',
            e(certificateSentence(result.diagnostics.certificate, k)),
          ] as [string, string],
        ]
      : []),
  ];
  const summary = [
    point
      ? `<strong>λ = ${fmt(lambda)}</strong>, not a fitted λ: coefficients ${point.between ? `interpolated between λ = ${fmt(point.between[0])} and ${fmt(point.between[1])}` : 'those at the end of the path'}, as R's predict.glmnet; the deviance${cv ? ' and CV figures' : ''} below are the nearest fitted λ's (${fmt(result.path.lambda[k]!)})`
      : `<strong>λ = ${fmt(lambda)}</strong>${cv?.index1se === k ? ' (λ_1se)' : cv?.indexMin === k ? ' (λ_min)' : ic ? icRuleNote(ic, k) : ''}`,
    ridge
      ? `${plural(result.columns.length, 'feature')}, all kept (ridge)`
      : `${selected.length} of ${plural(result.columns.length, 'feature')} selected`,
    `${fmt(100 * result.path.devRatio[k]!, 3)}% of deviance explained`,
    ...(result.classes
      ? [
          `modelling P(${bdi(s.target)} = ${bdi(result.classes.positive)}), ${bdi(result.classes.negative)} the other class`,
        ]
      : []),
    ...(cv ? [`CV ${e(measureLabel(cv.measure))} ${fmt(cv.cvm[k]!)} ± ${fmt(cv.cvsd[k]!)}`] : []),
    ...(result.test
      ? [
          `test ${family.testMetrics
            .filter((m) => m.headline)
            .map((m) => `${m.label} ${fmt(result.test![m.key]?.[k] ?? null, m.digits)}`)
            .join(', ')} on ${plural(result.test.n, 'row')}`,
        ]
      : []),
  ];
  const predicted = predictions
    ? predictionPart(predictions, family.targetKind, s.target, result.classes?.positive)
    : undefined;
  const charts = [
    pathChartSvg(
      series,
      marks,
      scale.scale === 'standardized' ? 'standardized coefficient' : 'coefficient (original scale)',
    ),
    ...(cv
      ? [
          cvChartSvg(
            cv.lambda.map((l, i) => ({
              x: Math.log(l),
              mean: cv.cvm[i]!,
              lo: cv.cvlo[i]!,
              hi: cv.cvup[i]!,
            })),
            marks,
            `CV ${measureLabel(cv.measure)}`,
          ),
        ]
      : []),
    ...(predicted?.charts ?? []),
  ];
  const css = `
    body{font:14px/1.5 Helvetica,Arial,sans-serif;color:#111827;max-width:1040px;margin:24px auto;padding:0 20px}
    h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
    .meta{color:#4b5563}.summary{display:flex;flex-wrap:wrap;gap:6px 18px;background:#f3f6fa;padding:10px 14px;border-radius:6px}
    table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:bold;padding-bottom:4px}
    th,td{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}.num{text-align:right}thead th{background:#f8fafc}
    .charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{max-width:100%;height:auto;border:1px solid #e5e7eb;border-radius:6px}
    pre{background:#f8fafc;border:1px solid #e5e7eb;padding:10px;overflow-x:auto;font-size:12px;white-space:pre-wrap;word-break:break-all}
        .legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;padding:0;margin:0 0 8px;width:100%;font-size:12px}.swatch{display:inline-block;width:10px;height:10px;margin-right:5px;border-radius:2px}
    .warn{background:#fffbeb;border:1px solid #fde68a;padding:8px 12px;border-radius:6px}
    @media print{body{margin:0;max-width:none}h2{break-after:avoid}.charts svg{break-inside:avoid;max-height:9cm;width:auto}pre{break-inside:auto}}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${PENALTY[s.penalty]} predicting ${s.target} — ${result.data.file}`)}</title>
<style>${css}</style></head><body>
<h1>${e(`${PENALTY[s.penalty]} predicting ${s.target}`)}</h1>
<p class="meta">${e(result.data.file)} · ${e(family.label)} · ${plural(result.n, 'row')} used · report made ${e(formatDateTime(generatedAt))} by Shrinkage ${e(result.version)}</p>
<p class="summary">${summary.map((x) => `<span>${x}</span>`).join('')}</p>
<h2>Charts</h2><div class="charts">${charts[0]}<ul class="legend">${series.map((line) => `<li><span class="swatch" style="background:${line.color}"></span>${bdi(line.name)}</li>`).join('')}</ul>${scaleNote ? `<p class="meta scale-note">${e(scaleNote)}</p>` : ''}${charts.slice(1).join('')}</div>
${predicted ? `<p>${predicted.line}</p>` : ''}
<h2>${ridge ? 'Coefficients' : 'Selected features'}</h2>
${
  selected.length === 0
    ? `<p>${ridge ? 'All coefficients are 0 at this λ.' : 'No features selected at this λ.'}</p>`
    : table(
        `Nonzero coefficients at λ = ${fmt(lambda)}`,
        [
          'Feature',
          'Coefficient (original scale)',
          // Logistic and Poisson: exp(β) in place of sds of a 0/1 or count target per sd.
          ...(ratio
            ? [`${ratio.label} per unit, exp(β)`, `${ratio.label} per sd`]
            : ['Standardized (sd of y per sd)']),
          ...(ridge ? [] : ['Entered at λ']),
          ...(cv ? ['Selected in folds'] : []),
        ],
        selected.map(({ name, j, b }) => [
          bdi(name),
          fmt(b),
          ...(ratio
            ? [fmt(Math.exp(b), 3), fmt(Math.exp(b * xSd[j]!), 3)]
            : [fmt((b * result.standardization.xSd[j]!) / result.standardization.ySd, 3)]),
          ...(ridge ? [] : [fmt(entered(j))]),
          ...(cv ? [`${Math.round(100 * cv.selectionFrequency[k]![j]!)}%`] : []),
        ]),
        [false, true, true, true, true, true, true],
      )
}
<p>Intercept: ${fmt(result.path.a0[k]!)}</p>
${result.alphaSearch && cv ? alphaComparisonPart(result, k, measureLabel(cv.measure)) : ''}
${ic ? informationCriteriaPart(result, k, marks) : ''}
${result.relaxed ? relaxedPart(result, cv ? measureLabel(cv.measure) : undefined) : ''}
${stabilityPart(result, k)}
<h2>Settings</h2>${table('What was fitted', ['Setting', 'Value'], settingsRows)}
<h2>Data</h2>${table(
    'Dataset fingerprint',
    ['Item', 'Value'],
    [
      ['File', bdi(result.data.file)],
      ['SHA-256 of the bytes read', `<code>${e(result.data.sha256)}</code>`],
      ['Rows read / used', `${result.data.rowsRead} / ${result.data.rowsUsed}`],
      [
        'Rows dropped (missing values) / filtered / held out',
        `${result.data.rowsDropped} / ${result.data.rowsFiltered} / ${result.data.rowsTest}`,
      ],
    ],
  )}
${warnings.length ? `<h2>Warnings</h2><div class="warn"><ul>${warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul></div>` : ''}
<h2>Reproduce</h2>
<p>${family.objective({ weightsOrOffset: Boolean(s.weights || s.offset) })}</p>
<h3>R (glmnet)</h3><pre>${escapeMarkup(rCode(result, reproduce))}</pre>
<h3>Python (scikit-learn)</h3><pre>${escapeMarkup(pythonCode(result, reproduce))}</pre>
<h3>PySpark (MLlib)</h3><pre>${escapeMarkup(pysparkCode(result, reproduce))}</pre>
${cv ? `<h2>Fold assignment</h2><p>Fold of each row used, in file order (1-based):</p><pre>${cv.foldid.join(' ')}</pre>` : ''}
</body></html>
`;
}

/** The path's certificate and, at the reported λ, its own relative duality gap. */
function certificateSentence(
  certificate: NonNullable<AnalysisResult['diagnostics']['certificate']>,
  k: number,
): string {
  const here = certificate.relativeGap[k];
  const at =
    here === null || here === undefined
      ? ''
      : `; at this λ the objective is within ${here.toExponential(1)} (relative) of its optimum`;
  return `${describeCertificate(certificate)}${at}`;
}
