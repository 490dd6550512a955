/**
 * glmnet's early end of a default path (glmnet.control's mnlam, fdev and devmax), written once
 * for both path drivers. After at least `minLambdas` values, the path ends when the deviance
 * explained gains less than `fdev` (gaussian: relative to the current ratio; binomial: the
 * absolute gain over the previous λ; Poisson: relative to the ratio 4 values back, with 10·fdev,
 * as fishnet) or passes `devmax`. Turned off (`pathStop: false`), the thresholds become
 * glmnet.control(fdev = 0, devmax = 1): the comparisons stay glmnet's, so only a fit whose
 * deviance ratio falls ends the path, and the R code reproduces it with those two settings.
 */
export interface PathStopRule {
  minLambdas: number;
  fdev: number;
  devmax: number;
}

export const GLMNET_PATH_STOP: Readonly<PathStopRule> = Object.freeze({
  minLambdas: 5,
  fdev: 1e-5,
  devmax: 0.999,
});

const NO_PATH_STOP: Readonly<PathStopRule> = Object.freeze({ minLambdas: 5, fdev: 0, devmax: 1 });

/** glmnet's rule when some coefficient bound is 0 (glmnet.R sets fdev = 0 then; ../limits.ts). */
const ZERO_BOUND_PATH_STOP: Readonly<PathStopRule> = Object.freeze({
  ...GLMNET_PATH_STOP,
  fdev: 0,
});

export function pathStopRule(
  pathStop: boolean | undefined,
  zeroBound = false,
): Readonly<PathStopRule> {
  if (pathStop === false) return NO_PATH_STOP;
  return zeroBound ? ZERO_BOUND_PATH_STOP : GLMNET_PATH_STOP;
}

/** Why a default path ended before its last grid value. */
export type PathStopReason = 'small-gain' | 'deviance-max';

/**
 * A default path that ended before the last of its `requested` grid values: how many it
 * fitted and why. Not a warning: glmnet's rule ends most lasso paths early, by design; the CLI,
 * the app and the report state it so that a shorter path than asked for has its reason.
 */
export interface PathStop {
  fitted: number;
  requested: number;
  reason: PathStopReason;
}

/** The reason the rule ends the path after the current value, or null to go on. */
export function pathStopReason(
  gain: number,
  minimumGain: number,
  current: number,
  rule: PathStopRule,
): PathStopReason | null {
  if (gain < minimumGain) return 'small-gain';
  if (current > rule.devmax) return 'deviance-max';
  return null;
}

/** "532 of 1000 λ values: the path ended early, as glmnet's does, because …". */
export function describePathStop(stop: PathStop): string {
  const why =
    stop.reason === 'deviance-max'
      ? `the deviance explained passed ${GLMNET_PATH_STOP.devmax * 100}% (devmax)`
      : `the deviance explained stopped improving (gains under fdev = ${GLMNET_PATH_STOP.fdev})`;
  return `${stop.fitted} of ${stop.requested} λ values: the path ended early, as glmnet's does, because ${why}; smaller λ would fit almost the same model`;
}
