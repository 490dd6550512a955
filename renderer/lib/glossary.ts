/** The short explanations behind the "?" buttons of the results (one place for their words). */
export const GLOSSARY = {
  lambdaMin:
    'λ_min: the λ with the lowest cross-validation error. It predicts best on held-out rows, usually with more features.',
  lambda1se:
    'λ_1se: the largest λ whose cross-validation error is within one standard error of the lowest. A simpler model that predicts about as well.',
  inFolds:
    'In folds: the share of cross-validation fits (one per fold, each without that fold’s rows) that also gave this feature a nonzero coefficient at this λ. High means the choice is stable.',
  devianceExplained:
    'Deviance explained: how much of the variation in the target the model accounts for, like R² on the rows it was fitted to (1 − deviance / null deviance).',
  enteredAt:
    'Entered at λ: the largest λ at which this feature’s coefficient first became nonzero, going from large λ (no features) to small. Earlier entries are usually stronger predictors.',
} as const;
