/**
 * The whole UI state in one reducer. Every run gets a new revision; events and results
 * carrying an older revision are ignored, so a slow superseded run can never overwrite the
 * current one.
 */
import type {
  DatasetInfo,
  JobResult,
  Predictions,
  WorkbenchEvent,
} from '../../shared/ipc/contract';
import { defaultLambdaIndex } from '../lib/results';
import {
  defaultForm,
  type ModelForm,
  sameColumns,
  type TargetReason,
  targetProposal,
} from '../lib/settingsForm';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface WorkbenchState {
  dataset?: DatasetInfo | undefined;
  loading: boolean;
  /** A problem with the data file, in words. */
  dataError?: string | undefined;
  form?: ModelForm | undefined;
  /** Why the form's target was proposed when the file opened (shown while it is still chosen). */
  targetProposal?: { target: string; reason: TargetReason } | undefined;
  /** The form as it was when the shown results were asked for: what "fitted settings" means. */
  fittedForm?: ModelForm | undefined;
  /** The form of the run under way, which becomes fittedForm when its result arrives. */
  runForm?: ModelForm | undefined;
  run: {
    status: RunStatus;
    revision: number;
    jobId?: string | undefined;
    fraction: number;
    message: string;
    error?: string | undefined;
  };
  result?: JobResult | undefined;
  selectedIndex: number;
  predictions?: Predictions | undefined;
  /** λ index to select when the next result arrives (a reopened project's choice). */
  pendingIndex?: number | undefined;
  /** Messages about the last action (project saved, data file changed, …). */
  notice?: { tone: 'info' | 'warning'; text: string } | undefined;
}

export const initialState: WorkbenchState = {
  loading: false,
  run: { status: 'idle', revision: 0, fraction: 0, message: '' },
  selectedIndex: 0,
};

export type Action =
  | { type: 'loadStarted' }
  | { type: 'loadFailed'; message: string }
  | {
      type: 'loaded';
      dataset: DatasetInfo;
      /** The target the user chose before for these columns (remembered by the page). */
      rememberedTarget?: string | undefined;
    }
  | { type: 'formChanged'; form: ModelForm }
  /** A run of the form, or of `form` (which then becomes the form: an exact refit's). */
  | { type: 'runRequested'; form?: ModelForm | undefined }
  | { type: 'runStarted'; revision: number; jobId: string }
  | { type: 'runRejected'; revision: number; message: string }
  | { type: 'event'; event: WorkbenchEvent }
  | { type: 'resultArrived'; result: JobResult }
  | { type: 'resultFailed'; revision: number; message: string }
  | { type: 'lambdaSelected'; index: number }
  | { type: 'predictionsArrived'; predictions: Predictions; jobId: string }
  | {
      type: 'restored';
      dataset: DatasetInfo;
      form?: ModelForm | undefined;
      result?: JobResult | undefined;
    }
  | {
      type: 'projectOpened';
      dataset?: DatasetInfo | undefined;
      form?: ModelForm | undefined;
      result?: JobResult | null | undefined;
      selectedIndex: number;
      notice?: WorkbenchState['notice'];
    }
  | { type: 'notice'; notice: WorkbenchState['notice'] };

export function reducer(state: WorkbenchState, action: Action): WorkbenchState {
  switch (action.type) {
    case 'loadStarted':
      return { ...state, loading: true, dataError: undefined };
    case 'loadFailed':
      return { ...state, loading: false, dataError: action.message };
    case 'loaded': {
      // The same columns again (a re-opened or updated file): the form, and any edits made
      // while it was read, are kept. Other columns: a fresh form.
      const keep = state.form && state.dataset && sameColumns(state.dataset, action.dataset);
      const proposal = targetProposal(action.dataset, action.rememberedTarget);
      // A new revision: anything still running for the previous data is now stale.
      return {
        ...initialState,
        run: { ...initialState.run, revision: state.run.revision + 1 },
        dataset: action.dataset,
        form: keep ? state.form : defaultForm(action.dataset, action.rememberedTarget),
        targetProposal: keep
          ? state.targetProposal
          : proposal.reason && { target: proposal.target, reason: proposal.reason },
      };
    }
    case 'formChanged':
      // A target the user picks is theirs, no longer a proposal.
      return action.form.target === state.form?.target
        ? { ...state, form: action.form }
        : { ...state, form: action.form, targetProposal: undefined };
    case 'runRequested':
      return {
        ...state,
        form: action.form ?? state.form,
        runForm: action.form ?? state.form,
        run: {
          status: 'running',
          revision: state.run.revision + 1,
          fraction: 0,
          message: 'Starting…',
        },
      };
    case 'runStarted':
      if (action.revision !== state.run.revision) return state;
      return { ...state, run: { ...state.run, jobId: action.jobId } };
    case 'runRejected':
    case 'resultFailed':
      if (action.revision !== state.run.revision) return state;
      return { ...state, run: { ...state.run, status: 'failed', error: action.message } };
    case 'event': {
      const { event } = action;
      if (event.revision !== state.run.revision) return state;
      if (event.type === 'progress') {
        return {
          ...state,
          run: {
            ...state.run,
            jobId: event.jobId,
            fraction: event.fraction,
            message: event.message,
          },
        };
      }
      if (event.type === 'cancelled')
        return { ...state, run: { ...state.run, status: 'cancelled', message: 'Cancelled.' } };
      if (event.type === 'failed')
        return { ...state, run: { ...state.run, status: 'failed', error: event.error.message } };
      return { ...state, run: { ...state.run, fraction: 1, message: 'Fetching results…' } };
    }
    case 'resultArrived': {
      if (action.result.revision !== state.run.revision) return state;
      const last = action.result.path.lambda.length - 1;
      return {
        ...state,
        result: action.result,
        fittedForm: state.runForm,
        selectedIndex:
          state.pendingIndex !== undefined
            ? Math.min(state.pendingIndex, last)
            : defaultLambdaIndex(action.result),
        pendingIndex: undefined,
        predictions: undefined,
        run: {
          ...state.run,
          status: 'done',
          fraction: 1,
          message: `Done in ${action.result.timing.fitSeconds.toFixed(2)} s`,
        },
      };
    }
    case 'restored':
      // A restore answers late; never let it replace something the user opened meanwhile.
      if (state.dataset || state.loading) return state;
      return {
        ...initialState,
        dataset: action.dataset,
        form: action.form ?? defaultForm(action.dataset),
        result: action.result,
        fittedForm: action.result && action.form,
        selectedIndex: action.result ? defaultLambdaIndex(action.result) : 0,
        run: {
          ...initialState.run,
          revision: action.result?.revision ?? 0,
          status: action.result ? 'done' : 'idle',
        },
      };
    case 'projectOpened':
      return {
        ...state,
        dataset: action.dataset ?? state.dataset,
        form: action.form ?? state.form,
        result: action.result ?? undefined,
        // A saved result was fitted with the project's settings.
        fittedForm: action.result ? action.form : undefined,
        predictions: undefined,
        selectedIndex: action.result
          ? Math.min(action.selectedIndex, action.result.path.lambda.length - 1)
          : 0,
        pendingIndex: action.selectedIndex,
        notice: action.notice,
        run: { ...state.run, status: 'idle', fraction: 0, message: '', error: undefined },
      };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'lambdaSelected':
      return { ...state, selectedIndex: action.index };
    case 'predictionsArrived':
      if (action.jobId !== state.result?.jobId) return state;
      return { ...state, predictions: action.predictions };
  }
}
