/**
 * Keeps one bad result from blanking the whole window: if drawing the results throws (a
 * damaged saved result, a bug), this panel says so and offers to re-run, while the data, the
 * settings and the rest of the UI stay. A new result (another key) draws afresh.
 */
import { Component, createElement, type ReactNode } from 'react';

interface Props {
  /** Changes when a different result is shown, which clears a previous failure. */
  resultKey: string;
  onRerun: () => void;
  canRerun: boolean;
  children: ReactNode;
}

interface State {
  failure: { key: string; message: string } | undefined;
}

export class ResultsBoundary extends Component<Props, State> {
  override state: State = { failure: undefined };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return {
      failure: { key: '', message: error instanceof Error ? error.message : String(error) },
    };
  }

  override componentDidCatch(): void {
    // Remember which result failed, so that the next one is drawn again.
    this.setState((state) =>
      state.failure ? { failure: { ...state.failure, key: this.props.resultKey } } : state,
    );
  }

  override render(): ReactNode {
    const { failure } = this.state;
    const current = failure && (failure.key === '' || failure.key === this.props.resultKey);
    if (!current) return this.props.children;
    // Plain createElement (no JSX) so the unit tests, type-checked without JSX, can import it.
    return createElement(
      'section',
      { className: 'results-failed', role: 'alert' },
      createElement('h2', null, 'These results cannot be shown'),
      createElement(
        'p',
        null,
        `Something in them is damaged or unexpected (${failure.message}). Your data and settings are kept; run the analysis again to get fresh results.`,
      ),
      createElement(
        'button',
        { type: 'button', onClick: this.props.onRerun, disabled: !this.props.canRerun },
        'Run again',
      ),
    );
  }
}
