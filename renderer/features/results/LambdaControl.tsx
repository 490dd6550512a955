import { useId } from 'react';
import type { AnalysisResult } from '../../../shared/analysis/result';
import { GLOSSARY } from '../../lib/glossary';
import { describeLambda, lambdaIndexAt, sliderPosition } from '../../lib/results';
import { Help } from '../common/Help';

interface Props {
  result: AnalysisResult;
  selectedIndex: number;
  onSelect: (index: number) => void;
}

/**
 * The λ selector every view follows. It runs the way the charts do (log λ increasing to the
 * right, as glmnet plots it): left is the smallest λ and the fullest model, right the largest
 * λ and no features, so Home shows every feature and End none. Index 0 is the largest λ.
 */
export function LambdaControl({ result, selectedIndex, onSelect }: Props) {
  const id = useId();
  const last = result.path.lambda.length - 1;
  const cv = result.cv;
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
    </div>
  );
}
