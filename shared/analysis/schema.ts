/**
 * The one definition of AnalysisSettings: a zod schema with its limits, and the types
 * inferred from it. The IPC contract, saved projects, the CLI and runAnalysis all validate
 * through it, so a value one entry point refuses is refused by every other, with the same
 * words. Each message completes "<field> …" ("nlambda must be a whole number from 1 to
 * 10000"), so the CLI can put its flag name in front and the app its field name.
 */
import { z } from 'zod';
import { TWO_LEVEL_CODINGS } from '../data/design';
import { MAX_NAME_LENGTH } from '../data/names';
import { ALL_MEASURES, DEFAULT_FAMILY, DESCRIPTORS, FAMILY_NAMES } from './families';

/** Column names (and the values filters compare with) as long as the reader accepts. */
export const MAX_NAME = MAX_NAME_LENGTH;
export const MAX_COLUMNS = 100_000;
export const MAX_LAMBDAS = 10_000;
export const MAX_ALPHAS = 21;
export const MAX_FOLDS = 1000;
export const MAX_ITERATIONS = 100_000_000;

const wholeNumber = (min: number, max: number, what = 'a whole number') => {
  const error = `must be ${what} from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
};
const between = (min: number, max: number, error: string) =>
  z.number({ error }).min(min, { error }).max(max, { error });

const name = z
  .string({ error: 'must be a column name' })
  .min(1, { error: 'must be a column name, not empty' })
  .max(MAX_NAME, { error: `must be a column name of at most ${MAX_NAME} characters` });

const rowFilter = z.strictObject({
  column: name,
  value: z.string().max(MAX_NAME, { error: `must be a value of at most ${MAX_NAME} characters` }),
});

/**
 * A penalty factor that excludes its column (glmnet's penalty.factor = Inf, its `exclude`: the
 * coefficient stays 0). Settings are JSON, which has no Infinity, so they spell it.
 */
export const EXCLUDED = 'Inf' as const;
export type PenaltyFactorValue = number | typeof EXCLUDED;

/** One penalty factor, and one value of an explicit λ sequence. */
const penaltyFactorError = 'must be a number ≥ 0 for each column (or Inf to exclude it)';
export const penaltyFactorValue = z.union(
  [
    z.number({ error: penaltyFactorError }).min(0, { error: penaltyFactorError }),
    z.literal(EXCLUDED, { error: penaltyFactorError }),
  ],
  { error: penaltyFactorError },
);
export const lambdaValue = z
  .number({ error: 'must be a list of numbers ≥ 0' })
  .min(0, { error: 'must be a list of numbers ≥ 0' });

/**
 * A record checked as a list of own entries and rebuilt with Object.fromEntries: zod's record
 * assigns `out[key] = …`, which silently drops a key such as `__proto__`; here every key
 * given survives, to be matched (or refused) by name like any other.
 */
export function ownRecord<V>(key: z.ZodString, value: z.ZodType<V, V>, max: number) {
  return z
    .custom<Record<string, V>>(
      (record) => typeof record === 'object' && record !== null && !Array.isArray(record),
      { error: 'must map column names to numbers' },
    )
    .transform((record) => Object.entries(record))
    .pipe(z.array(z.tuple([key, value])).max(max, { error: `must name at most ${max} columns` }))
    .transform((entries): Record<string, V> => Object.fromEntries(entries));
}

/** Column name → factor. */
const penaltyFactors = ownRecord(name, penaltyFactorValue, MAX_COLUMNS);

/**
 * Coefficient bounds (glmnet's lower.limits / upper.limits, on the coefficients' original
 * scale): one number for every design column, or a bound by design column (`feature` or
 * `feature=level`) or by feature (all its columns), the others unbounded. glmnet needs
 * lower ≤ 0 ≤ upper, so that β = 0 is allowed; JSON has no infinity, so "unbounded" is
 * leaving a column out.
 */
const lowerLimitError = 'must be a number ≤ 0 (0 for non-negative coefficients)';
const upperLimitError = 'must be a number ≥ 0 (0 for non-positive coefficients)';
export const lowerLimitValue = z
  .number({ error: lowerLimitError })
  .max(0, { error: lowerLimitError });
export const upperLimitValue = z
  .number({ error: upperLimitError })
  .min(0, { error: upperLimitError });
const limitsOf = (value: typeof lowerLimitValue, side: string) =>
  z.union([value, ownRecord(name, value, MAX_COLUMNS)], {
    error: `must be one number ${side} for every column, or map column names to numbers ${side}`,
  });
export type LimitsSetting = number | Record<string, number>;

const alpha = between(0, 1, 'must be a number from 0 (ridge) to 1 (lasso)');

export const cvSettingsSchema = z.strictObject({
  /** Number of folds for a seeded random partition (ignored when foldidColumn is set). */
  nfolds: wholeNumber(2, MAX_FOLDS, 'a whole number of folds'),
  /** Seed of the fold partition (mulberry32); the same seed gives the same folds everywhere. */
  seed: wholeNumber(0, 2 ** 32 - 1),
  /** A column whose distinct values are the folds (overrides nfolds, as cv.glmnet's foldid). */
  foldidColumn: name.optional(),
  /** Every family's CV measures (./families); the settings refine it to the chosen family's. */
  measure: z.enum(ALL_MEASURES, { error: `must be ${ALL_MEASURES.join(' or ')}` }),
  /**
   * cv.glmnet's `grouped`: the standard error of the CV curve from the folds' errors (true) or
   * from the rows' (false). As cv.glmnet, true turns into false, with a warning, when the folds
   * average fewer than 3 rows. Omitted: true.
   */
  grouped: z.boolean({ error: 'must be true or false' }).optional(),
  /**
   * Keep the out-of-fold predictions at every λ in the result (cv.glmnet's keep = TRUE, its
   * fit.preval: n × nλ numbers). Omitted or false: only at λ_min and λ_1se, which every CV
   * result carries.
   */
  keep: z.boolean({ error: 'must be true or false' }).optional(),
});

/**
 * Stability selection (shared/analysis/stability.ts): `pairs` complementary pairs of
 * subsamples of ⌊n/2⌋ rows drawn with `seed`, each fitted on the full fit's λ sequence; the
 * selected set is the columns whose selection probability reaches `threshold` somewhere in the
 * λ range from the first λ down to `lambda` (omitted: the lowest λ whose bound on expected
 * false selections is at most 1).
 */
export const MAX_STABILITY_PAIRS = 500;
export const stabilitySettingsSchema = z.strictObject({
  pairs: wholeNumber(1, MAX_STABILITY_PAIRS, 'a whole number of pairs'),
  threshold: z
    .number({ error: 'must be a probability above 0.5 and at most 1, such as 0.6' })
    .gt(0.5, { error: 'must be a probability above 0.5 and at most 1, such as 0.6' })
    .max(1, { error: 'must be a probability above 0.5 and at most 1, such as 0.6' }),
  seed: wholeNumber(0, 2 ** 32 - 1),
  lambda: z
    .number({ error: 'must be a number greater than 0' })
    .gt(0, { error: 'must be a number greater than 0' })
    .optional(),
});

export const twoLevelCodingSchema = z.enum(TWO_LEVEL_CODINGS, {
  error: 'must be single or one-hot',
});

/** A seeded random hold-out: the share of the rows held out, and the seed that draws them. */
export const testSplitSchema = z.strictObject({
  fraction: z
    .number({ error: 'must be a fraction strictly between 0 and 1, such as 0.2' })
    .gt(0, { error: 'must be a fraction strictly between 0 and 1, such as 0.2' })
    .lt(1, { error: 'must be a fraction strictly between 0 and 1, such as 0.2' }),
  seed: wholeNumber(0, 2 ** 32 - 1),
});

/** The registered families (./families); the same names as the solver's. */
export const familySchema = z.enum(FAMILY_NAMES, { error: `must be ${FAMILY_NAMES.join(' or ')}` });

/** More γ than this is no finer a choice, only slower. */
export const MAX_GAMMAS = 21;

const settingsFields = z.strictObject({
  /** The response family: the loss, link, CV measures and test metrics. Omitted (settings
   * saved before families): DEFAULT_FAMILY. */
  family: familySchema.default(DEFAULT_FAMILY),
  target: name,
  /**
   * For a two-class target (logistic regression): the value modelled, P(target = it), as the
   * file writes it; null or omitted: the second of the two in sorted order (Yes of No/Yes, 1 of
   * 0/1). Other families take none.
   */
  positiveClass: z
    .string({ error: "must be one of the target's two values" })
    .min(1, { error: "must be one of the target's two values, not empty" })
    .max(MAX_NAME, { error: `must be a value of at most ${MAX_NAME} characters` })
    .nullable()
    .optional(),
  /** Omitted: every column except the target, the excluded and the row-filter columns. */
  features: z
    .array(name)
    .min(1, { error: 'must name at least one column' })
    .max(MAX_COLUMNS, { error: `must name at most ${MAX_COLUMNS} columns` })
    .optional(),
  exclude: z.array(name).max(MAX_COLUMNS, { error: `must name at most ${MAX_COLUMNS} columns` }),
  /** Keep only rows matching every filter. */
  rows: z.array(rowFilter).max(100, { error: 'must be at most 100 filters' }),
  /** L1 ratio: 1 lasso, 0 ridge. */
  alpha,
  /** Several α to compare on the same folds (needs cv); the best (α, λ_min) is reported. */
  alphas: z
    .array(alpha)
    .min(1, { error: 'must give at least one α' })
    .max(MAX_ALPHAS, { error: `must give at most ${MAX_ALPHAS} values of α` })
    .optional(),
  /** Cross-validation; omitted for a plain path. */
  cv: cvSettingsSchema.optional(),
  /** Stability selection on the (chosen α's) λ sequence; omitted: none. */
  stability: stabilitySettingsSchema.optional(),
  /**
   * The relaxed lasso (glmnet's relax = TRUE): also refit each λ's active set without penalty
   * and blend the two fits by γ; with cv, choose (λ, γ) on the same folds. Omitted: false.
   */
  relax: z.boolean({ error: 'must be true or false' }).optional(),
  /** The γ blended with relax (glmnet's gamma); omitted: 0, 0.25, 0.5, 0.75, 1. */
  gammas: z
    .array(
      z
        .number({ error: 'must be numbers from 0 to 1' })
        .min(0, { error: 'must be numbers from 0 to 1' })
        .max(1, { error: 'must be numbers from 0 to 1' }),
    )
    .min(1, { error: 'must give at least one γ' })
    .max(MAX_GAMMAS, { error: `must give at most ${MAX_GAMMAS} values of γ` })
    .optional(),
  /**
   * A numeric column of observation weights (glmnet's `weights`): finite, ≥ 0, positive sum.
   * Neither the target nor a feature; rows missing it are dropped (never imputed).
   */
  weights: name.optional(),
  /**
   * A numeric column added to the linear predictor (glmnet's `offset`), in the fit and when
   * scoring. Neither the target nor a feature; rows missing it are dropped (never imputed).
   */
  offset: name.optional(),
  /** Rows to hold out from fitting and CV and score at the end. */
  testRows: rowFilter.optional(),
  /**
   * A random share of the rows (after the row filters and dropping incomplete rows) to hold
   * out instead, drawn with its own seed (mulberry32, as the folds), so the same seed gives the
   * same rows everywhere; the result lists them (`data.heldOutRows`). Not with testRows.
   */
  testSplit: testSplitSchema.optional(),
  standardize: z.boolean(),
  intercept: z.boolean(),
  nlambda: wholeNumber(1, MAX_LAMBDAS),
  /** Omitted: 1e-4 when n ≥ p, else 1e-2. */
  lambdaMinRatio: z
    .number({ error: 'must be a number strictly between 0 and 1' })
    .gt(0, { error: 'must be a number strictly between 0 and 1' })
    .lt(1, { error: 'must be a number strictly between 0 and 1' })
    .optional(),
  /** Explicit λ sequence instead of the default grid. */
  lambda: z
    .array(lambdaValue)
    .min(1, { error: 'needs at least one value' })
    .max(MAX_LAMBDAS, { error: `must be a list of at most ${MAX_LAMBDAS} values` })
    .optional(),
  /** Penalty factor by design column (`feature` or `feature=level`) or by feature (all its columns); default 1. */
  penaltyFactor: penaltyFactors,
  /** Lower bounds on the coefficients (see limitsOf); omitted: none. */
  lowerLimits: limitsOf(lowerLimitValue, '≤ 0').optional(),
  /** Upper bounds on the coefficients; omitted: none. */
  upperLimits: limitsOf(upperLimitValue, '≥ 0').optional(),
  /** Convergence threshold of coordinate descent (glmnet's thresh). */
  thresh: z
    .number({ error: 'must be a number greater than 0 and at most 1, such as 1e-7' })
    .gt(0, { error: 'must be a number greater than 0 and at most 1, such as 1e-7' })
    .max(1, { error: 'must be a number greater than 0 and at most 1, such as 1e-7' }),
  /**
   * glmnet's maxit: a cap on coordinate-descent passes over the whole path (and over each CV
   * fold's); where it runs out the path ends, with a warning (shared/solver/passBudget.ts).
   */
  maxIter: wholeNumber(1, MAX_ITERATIONS),
  /**
   * Also cap the passes at any one λ (not in glmnet): a λ that reaches it keeps its approximate
   * solution, with a warning, and the path goes on. Omitted: no such cap.
   */
  maxIterPerLambda: wholeNumber(1, MAX_ITERATIONS).optional(),
  /**
   * End the default path early as glmnet does (shared/solver/pathStop.ts); false fits every
   * grid value (glmnet.control(fdev = 0, devmax = 1)). Omitted: true.
   */
  pathStop: z.boolean({ error: 'must be true or false' }).optional(),
  /**
   * Refit the final path's λ whose convergence certificate fails (shared/analysis/certify.ts)
   * at thresh/100, repeatedly down to 1e-14 or until it passes. Not glmnet's; omitted: false.
   */
  tighten: z.boolean({ error: 'must be true or false' }).optional(),
  /** Drop rows with a missing feature (default) or impute them from the training rows. */
  missing: z.enum(['drop', 'impute'], { error: 'must be drop or impute' }),
  /** Largest number of levels a categorical feature may have. */
  maxLevels: wholeNumber(1, MAX_COLUMNS),
  /**
   * How a text feature with exactly two levels (among the rows used) is coded: `single`, one
   * 0/1 column, 1 for the second level in sorted order (as a two-class target) and named after
   * it (`sex=M`); `one-hot`, a column per level, as glmnet's makeX (collinear with each other
   * and the intercept, so the lasso splits the effect between them). Three or more levels are
   * always one-hot. Omitted (settings saved before the option): one-hot, so that they give
   * the results they gave; new settings (DEFAULT_SETTINGS) choose single.
   */
  twoLevelCoding: twoLevelCodingSchema.default('one-hot'),
  /**
   * Options of the CV-free λ choice (AIC, BIC, extended BIC; ./informationCriteria.ts), which
   * every path gets: `noiseVariance`, a gaussian σ² to use instead of the OLS estimate (needed
   * for the σ² form when n ≤ p); `ebicGamma`, the extended BIC's γ (omitted: 0.5).
   */
  informationCriteria: z
    .strictObject({
      noiseVariance: z
        .number({ error: 'must be a number greater than 0' })
        .gt(0, { error: 'must be a number greater than 0' })
        .refine(Number.isFinite, { error: 'must be a number greater than 0' })
        .optional(),
      ebicGamma: between(0, 1, 'must be a number from 0 to 1').optional(),
    })
    .optional(),
});

/** The settings, with the measure refined to those the family offers. */
export const analysisSettingsSchema = settingsFields.superRefine(
  ({ family, cv, positiveClass, testRows, testSplit, relax, gammas, alphas }, context) => {
    if (gammas && !relax) {
      context.addIssue({
        code: 'custom',
        path: ['gammas'],
        message: 'apply to the relaxed lasso only: turn relax on, or leave the γ out',
      });
    }
    if (relax && alphas && alphas.length > 1) {
      context.addIssue({
        code: 'custom',
        path: ['relax'],
        message: 'cannot be combined with several α: compare α first, then relax the one chosen',
      });
    }
    if (testRows && testSplit) {
      context.addIssue({
        code: 'custom',
        path: ['testSplit'],
        message: 'cannot be combined with test rows chosen by a column: choose one test set',
      });
    }
    if (positiveClass != null && DESCRIPTORS[family].targetKind !== 'binary') {
      context.addIssue({
        code: 'custom',
        path: ['positiveClass'],
        message: `applies to a two-class target only, not to ${DESCRIPTORS[family].label.toLowerCase()}`,
      });
    }
    const offered = DESCRIPTORS[family].measures.map((m) => m.id);
    if (cv && !offered.includes(cv.measure)) {
      context.addIssue({
        code: 'custom',
        path: ['cv', 'measure'],
        message: `must be ${offered.join(' or ')} for ${DESCRIPTORS[family].label.toLowerCase()}`,
      });
    }
  },
);

export type AnalysisSettings = z.output<typeof analysisSettingsSchema>;
export type CvSettings = z.output<typeof cvSettingsSchema>;
export type StabilitySettings = z.output<typeof stabilitySettingsSchema>;

/** One thing wrong with a settings object: the field (a path such as cv.nfolds) and what it must be. */
export interface SettingsProblem {
  path: (string | number)[];
  message: string;
}

/** The settings as the schema reads them (defaults such as the family filled in), or their problems. */
export function parseSettings(
  value: unknown,
):
  | { settings: AnalysisSettings; problems: [] }
  | { settings?: undefined; problems: SettingsProblem[] } {
  const parsed = analysisSettingsSchema.safeParse(value);
  if (parsed.success) return { settings: parsed.data, problems: [] };
  return { problems: problemsOf(parsed.error) };
}

function problemsOf(error: z.ZodError): SettingsProblem[] {
  return error.issues.slice(0, 5).map((issue) => ({
    path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
    message: issue.message,
  }));
}

/** The problems with a would-be settings object (the first few), or none. */
export function settingsProblems(value: unknown): SettingsProblem[] {
  return parseSettings(value).problems;
}

/** "nlambda must be a whole number from 1 to 10000; …", the problems as one sentence. */
export function describeSettingsProblems(problems: readonly SettingsProblem[]): string {
  return problems
    .map(({ path, message }) => `${path.length > 0 ? path.join('.') : 'settings'} ${message}`)
    .join('; ');
}
