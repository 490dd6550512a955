import { useId, useState } from 'react';
import {
  IC_KEYS,
  IC_LAMBDA_LABEL,
  icChoice,
} from '../../../shared/analysis/informationCriteriaText';
import type { AnalysisResult } from '../../../shared/analysis/result';
import { GLOSSARY } from '../../lib/glossary';
import { describeLambda, formatNumber, lambdaIndexAt, sliderPosition } from '../../lib/results';
import { typedLambda } from '../../lib/typedLambda';
import { Help } from '../common/Help';

interface Props {
  result: AnalysisResult;
  selectedIndex: number;
  onSelect: (index: number) => void;
  /**
   * Run again at exactly these λ values (undefined: back to the automatic grid); absent when
   * a run cannot start now.
   */
  onRefit?: ((lambda: number[] | undefined) => void) | undefined;
}

/**
 * The λ selector every view follows. It runs the way the charts do (log λ increasing to the
 * right, as glmnet plots it): left is the smallest λ and the fullest model, right the largest
 * λ and no features, so Home shows every feature and End none. Index 0 is the largest λ.
 */
export function LambdaControl({ result, selectedIndex, onSelect, onRefit }: Props) {
  const id = useId();
  const last = result.path.lambda.length - 1;
  const cv = result.cv;
  const [text, setText] = useState('');
  const typed = text.trim() === '' ? undefined : typedLambda(text, result.path.lambda);
  const given = result.settings.lambda;
  const go = () => {
    if (typed?.ok) onSelect(typed.index);
  };
  return (
    <div className="lambda-control">
      <label htmlFor={id}>λ</label>
      <span className="lambda-end" aria-hidden="true">
        ← smaller λ
      </span>
      <input
        id={id}
        type="range"
        min={0}
        max={last}
        step={1}
        value={sliderPosition(result, selectedIndex)}
        aria-valuetext={describeLambda(result, selectedIndex)}
        onChange={(event) => onSelect(lambdaIndexAt(result, Number(event.target.value)))}
      />
      <span className="lambda-end" aria-hidden="true">
        larger λ →
      </span>
      <output htmlFor={id} className="lambda-value">
        {describeLambda(result, selectedIndex)}
      </output>
      {cv && (
        <div className="jumps">
          <button
            type="button"
            onClick={() => onSelect(cv.indexMin)}
            aria-pressed={selectedIndex === cv.indexMin}
          >
            λ_min
          </button>
          <Help term="λ_min">{GLOSSARY.lambdaMin}</Help>
          <button
            type="button"
            onClick={() => onSelect(cv.index1se)}
            aria-pressed={selectedIndex === cv.index1se}
          >
            λ_1se
          </button>
          <Help term="λ_1se">{GLOSSARY.lambda1se}</Help>
        </div>
      )}
      {result.informationCriteria && (
        <div className="jumps criteria-jumps">
          <span className="muted">Without CV:</span>
          {IC_KEYS.map((key) => {
            const { index } = icChoice(result.informationCriteria!, key);
            return (
              <button
                key={key}
                type="button"
                onClick={() => onSelect(index)}
                aria-pressed={selectedIndex === index}
                title={`The λ that minimizes the ${key.toUpperCase()} (no cross-validation)`}
              >
                {IC_LAMBDA_LABEL[key]}
              </button>
            );
          })}
        </div>
      )}
      <div className="lambda-typed">
        <label htmlFor={`${id}-typed`}>Go to λ</label>
        <input
          id={`${id}-typed`}
          type="text"
          inputMode="decimal"
          placeholder="e.g. 0.01"
          value={text}
          aria-describedby={`${id}-typed-note`}
          aria-invalid={typed && !typed.ok ? true : undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') go();
          }}
          onBlur={go}
        />
        <span id={`${id}-typed-note`} className="muted" aria-live="polite">
          {typed === undefined
            ? ''
            : !typed.ok
              ? typed.message
              : typed.exact
                ? `a fitted λ (${formatNumber(result.path.lambda[typed.index]!)})`
                : `nearest fitted λ ${formatNumber(result.path.lambda[typed.index]!)}${
                    typed.outside === 'above'
                      ? ' (the largest: every penalized coefficient is 0 above it)'
                      : typed.outside === 'below'
                        ? ' (the smallest the path reached)'
                        : ''
                  }`}
        </span>
        {typed?.ok && !typed.exact && onRefit && (
          <button type="button" onClick={() => onRefit([typed.value])}>
            Exact refit at λ = {formatNumber(typed.value, 6)}
          </button>
        )}
        {given && (
          <span className="exact-fit">
            {given.length === 1
              ? `Exact fit at λ = ${formatNumber(given[0]!, 6)}`
              : `Exact fit at ${given.length} given λ values`}
          </span>
        )}
        {given && onRefit && (
          <button type="button" className="link" onClick={() => onRefit(undefined)}>
            Back to the λ grid
          </button>
        )}
      </div>
    </div>
  );
}
