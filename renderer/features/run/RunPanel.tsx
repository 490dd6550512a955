import { useLayoutEffect, useRef } from 'react';
import type { Remedy } from '../../../shared/data/readOptions';
import type { WorkbenchState } from '../../state/workbench';
import { RemedyButton } from '../data/ReadingOptions';

interface Props {
  run: WorkbenchState['run'];
  /** Why Run is disabled, if it is. */
  problem: string | undefined;
  onRun: () => void;
  onCancel: () => void;
  /** Applies a failed run's one-click fix; absent (or refusing it) when it cannot be applied. */
  onRemedy?: ((remedy: Remedy) => void) | undefined;
  canApply?: ((remedy: Remedy) => boolean) | undefined;
  /** The tooltip, naming the shortcut. */
  runTitle?: string | undefined;
}

export function RunPanel({ run, problem, onRun, onCancel, onRemedy, canApply, runTitle }: Props) {
  const running = run.status === 'running';
  const percent = Math.round(run.fraction * 100);
  const bar = useRef<HTMLElement>(null);
  // The sidebar keeps fields clear of this sticky bar by its height (scroll-padding in styles.css).
  useLayoutEffect(() => {
    const element = bar.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const scroller = element.parentElement;
    const observer = new ResizeObserver(() => {
      const height = Math.ceil(element.getBoundingClientRect().height);
      scroller?.style.setProperty('--run-bar-height', `${height}px`);
    });
    observer.observe(element, { box: 'border-box' });
    return () => observer.disconnect();
  }, []);
  return (
    <section className="panel run" aria-label="Run" ref={bar}>
      <div className="run-buttons">
        <button
          type="button"
          className="primary"
          onClick={onRun}
          disabled={Boolean(problem) || running}
          aria-describedby={problem ? 'run-problem' : undefined}
          title={runTitle}
        >
          Run
        </button>
        {running && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {problem && !running && (
        <p id="run-problem" className="hint run-message">
          {problem}
        </p>
      )}
      {running && (
        <div className="progress">
          <div
            role="progressbar"
            aria-label="Analysis progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent}%: ${run.message}`}
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <p className="hint" aria-live="polite">
            {run.message}
          </p>
        </div>
      )}
      {run.status === 'cancelled' && <p className="hint">The analysis was cancelled.</p>}
      {run.status === 'failed' && run.error && (
        // Scrolls within a few lines, so a long error never grows the sticky bar over the form.
        <div className="alert run-message" role="alert">
          <strong>The analysis could not run.</strong> {run.error}
        </div>
      )}
      {run.status === 'failed' && run.remedy && onRemedy && (canApply?.(run.remedy) ?? true) && (
        // Outside the scrolling message, so the fix is always in view.
        <div className="remedies run-remedy">
          <RemedyButton remedy={run.remedy} onRemedy={onRemedy} />
        </div>
      )}
    </section>
  );
}
