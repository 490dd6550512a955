/**
 * What the analysis, the report, the reproduce code, the CLI and the app need to know about a
 * response family beyond the numerics: its name for people, its objective in words, its CV
 * measures with their labels, how held-out rows are scored, and how glmnet, scikit-learn and
 * Spark spell it. One descriptor per family (./<name>.ts), registered in ./index.ts; nothing
 * else outside the solver names a family. The solver's Family (shared/solver/family.ts) stays
 * free of text for people; a descriptor points to it.
 */
import type { TargetKind } from '../../data/design';
import type { CvMeasure, Family, FamilyName } from '../../solver/family';

/**
 * Every test metric any family computes: a key of the result's `test` block. A new family
 * with a metric no other family has adds its key here (binomial: deviance, class, auc).
 */
export type TestMetricKey = 'mse' | 'mae' | 'r2' | 'deviance' | 'class' | 'auc';

/** A test metric's values: one number (or NaN/null where undefined, R² of a constant y) per key. */
export type TestMetricValues = Partial<Record<TestMetricKey, number>>;

export interface MeasureChoice {
  id: CvMeasure;
  /** For people: "Mean squared error". */
  label: string;
}

export interface TestMetric {
  key: TestMetricKey;
  /** As printed: "MSE", "R²". */
  label: string;
  /** Significant digits it is printed with. */
  digits: number;
  /** Shown where space is short (the report's summary, the CLI's path-end line). */
  headline: boolean;
}

/**
 * What a family's reproduce pieces are given: the fit's settings and numbers, and the quoting
 * the report uses (every user string through `py`, every number through `num`), passed in so
 * that this layer needs nothing from shared/report.
 */
export interface ReproduceContext {
  alpha: number;
  /** The selected λ and the whole sequence. */
  lambda: number;
  lambdas: readonly number[];
  /** The fit's s_y (result.standardization.yScale). */
  yScale: number;
  standardize: boolean;
  intercept: boolean;
  target: string;
  weights?: string | undefined;
  offset?: string | undefined;
  /**
   * Binomial: the target's value that is the modelled class (y = 1), when the target is text.
   * Undefined: the target is already coded 0/1 and 1 is the modelled class.
   */
  positiveClass?: string | undefined;
  /**
   * The only coefficient bounds scikit-learn can fit: every lower bound 0 and no upper bound,
   * its `positive=True` (a non-negative fit). Other bounds: the code says it cannot.
   */
  positive?: boolean | undefined;
  num(value: number): string;
  py(text: string): string;
  /** An R string literal (shared/report/codeLiterals.ts's R.string). */
  r(text: string): string;
}

export interface FamilyDescriptor {
  readonly name: FamilyName;
  /** For people: "Linear regression (gaussian)". */
  readonly label: string;
  /**
   * What its target must hold (prepareDesign checks and codes it): any numbers, two classes
   * coded 0/1 (the positive class, settings.positiveClass, is 1), or counts.
   */
  readonly targetKind: TargetKind;
  /** The solver's family: link, deviance, CV losses. */
  readonly solver: Family;
  /** Its CV measures, the default first (each one the solver family computes). */
  readonly measures: readonly [MeasureChoice, ...MeasureChoice[]];
  /** The test metrics, in the order they are printed. */
  readonly testMetrics: readonly TestMetric[];
  /**
   * The test metrics at the l-th λ of λ-major predictions on the response scale (offset
   * included), weighted by the observation weights as glmnet's assess.glmnet.
   */
  score(
    y: ArrayLike<number>,
    predictions: Float64Array,
    l: number,
    weights: ArrayLike<number> | undefined,
  ): TestMetricValues;
  /** The objective in words and maths for the report (HTML-safe text, no user strings). */
  objective(settings: { weightsOrOffset: boolean }): string;
  readonly reproduce: {
    /** glmnet's and cv.glmnet's `family` argument. */
    rFamily: string;
    /** cv.glmnet's `type.measure` for a measure. */
    rTypeMeasure(measure: CvMeasure): string;
    /** The R line defining y (the response glmnet is given) from the data frame d. */
    rResponse(context: ReproduceContext): string;
    /**
     * scikit-learn: its imports, the line defining y from the data frame d, and the lines
     * fitting the model on the standardized design Xs (scaler, model, beta, intercept, the
     * path at glmnet's λ sequence), with the equivalence stated in comments.
     */
    sklearn(context: ReproduceContext): {
      imports: string[];
      response: string;
      model: string[];
      /** The code fits context.positive's non-negative coefficients (positive=True). */
      positive?: boolean;
    };
    /**
     * PySpark MLlib: the comment on how its objective relates to glmnet's, the estimator's
     * import, lines preparing the label (given the label column the estimator reads), and the
     * estimator `lr = …` itself.
     */
    spark(context: ReproduceContext): {
      header: string[];
      imports: string[];
      label: string[];
      estimator: string[];
    };
  };
}
