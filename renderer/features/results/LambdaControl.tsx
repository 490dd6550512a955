import { useId } from 'react';
import type { AnalysisResult } from '../../../shared/analysis/result';
import { describeLambda } from '../../lib/results';

interface Props {
  result: AnalysisResult;
  selectedIndex: number;
  onSelect: (index: number) => void;
}

/**
 * The λ selector every view follows. Index 0 is the largest λ (no features); the slider runs
 * left to right towards smaller λ, so End shows the fullest model.
 */
export function LambdaControl({ result, selectedIndex, onSelect }: Props) {
  const id = useId();
  const last = result.path.lambda.length - 1;
  const cv = result.cv;
  return (
    <div className="lambda-control">
      <label htmlFor={id}>λ</label>
      <input
        id={id}
        type="range"
        min={0}
        max={last}
        step={1}
        value={selectedIndex}
        aria-valuetext={describeLambda(result, selectedIndex)}
        onChange={(event) => onSelect(Number(event.target.value))}
      />
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
          <button
            type="button"
            onClick={() => onSelect(cv.index1se)}
            aria-pressed={selectedIndex === cv.index1se}
          >
            λ_1se
          </button>
        </div>
      )}
    </div>
  );
}
