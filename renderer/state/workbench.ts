/**
 * The whole UI state in one reducer. Every run gets a new revision; events and results
 * carrying an older revision are ignored, so a slow superseded run can never overwrite the
 * current one.
 */

import type { AnalysisSettings } from '../../shared/analysis/settings';
import type { ReadingOptions, Remedy } from '../../shared/data/readOptions';
import type {
  DatasetInfo,
  JobResult,
  Predictions,
  WorkbenchEvent,
} from '../../shared/ipc/contract';
import { remedyOf } from '../lib/remedy';
import { defaultLambdaIndex } from '../lib/results';
import {
  carriedForm,
  defaultForm,
  fromSettings,
  type ModelForm,
  sameColumns,
  sameNames,
  type TargetReason,
  targetProposal,
} from '../lib/settingsForm';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface WorkbenchState {
  dataset?: DatasetInfo | undefined;
  loading: boolean;
  /** A problem with the data file, in words, and its one-click fix when it has one. */
  dataError?: string | undefined;
  dataRemedy?: Remedy | undefined;
  /** The Reading options panel: how the next file (or the next re-read) is read. */
  read: ReadingOptions;
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
    /** The failed run's one-click fix (the level limit, a missing marker), if it has one. */
    remedy?: Remedy | undefined;
  };
  result?: JobResult | undefined;
  selectedIndex: number;
  predictions?: Predictions | undefined;
  /** λ index to select when the next result arrives (a reopened project's choice). */
  pendingIndex?: number | undefined;
  /** Messages about the last action (project saved, data file changed, …). */
  notice?: { tone: 'info' | 'warning'; text: string } | undefined;
  /**
   * A project opened without its data (the web host reads no paths): the file the user opens
   * next is its data when its fingerprint matches, and then takes the project's settings.
   */
  projectAwaitingData?: ProjectAwaitingData | undefined;
  /** Run as soon as the form is ready (a project's data has just been matched). */
  runWhenReady?: boolean | undefined;
}

export interface ProjectAwaitingData {
  projectName: string;
  fileName: string;
  sha256: string;
  settings: AnalysisSettings;
  selectedIndex: number;
}

export const initialState: WorkbenchState = {
  loading: false,
  read: {},
  run: { status: 'idle', revision: 0, fraction: 0, message: '' },
  selectedIndex: 0,
};

export type Action =
  | { type: 'loadStarted'; read?: ReadingOptions | undefined }
  | { type: 'loadFailed'; message: string; remedy?: Remedy | undefined }
  | {
      type: 'loaded';
      dataset: DatasetInfo;
      /** The target the user chose before for these columns (remembered by the page). */
      rememberedTarget?: string | undefined;
      /** The same file read again with other options: the form carries over. */
      reread?: boolean | undefined;
    }
  | { type: 'readChanged'; read: ReadingOptions }
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
      awaiting?: ProjectAwaitingData | undefined;
    }
  | { type: 'notice'; notice: WorkbenchState['notice'] };

export function reducer(state: WorkbenchState, action: Action): WorkbenchState {
  switch (action.type) {
    case 'loadStarted':
      return {
        ...state,
        loading: true,
        dataError: undefined,
        dataRemedy: undefined,
        read: action.read ?? state.read,
      };
    case 'loadFailed':
      return { ...state, loading: false, dataError: action.message, dataRemedy: action.remedy };
    case 'readChanged':
      return { ...state, read: action.read };
    case 'loaded': {
      // The same columns again (a re-opened or updated file): the form, and any edits made
      // while it was read, are kept; a re-read keeps it when the names agree even if types
      // changed (a marker made a column numeric). Other columns: a fresh form.
      const awaiting = state.projectAwaitingData;
      if (awaiting && awaiting.sha256 === action.dataset.sha256) {
        // The project's own data: its settings and λ, and it re-runs.
        return {
          ...initialState,
          read: action.dataset.readOptions,
          run: { ...initialState.run, revision: state.run.revision + 1 },
          dataset: action.dataset,
          form: fromSettings(awaiting.settings, action.dataset),
          pendingIndex: awaiting.selectedIndex,
          runWhenReady: true,
          notice: {
            tone: 'info',
            text: `${action.dataset.summary.fileName} is the data of ${awaiting.projectName} (its fingerprint matches): the project's settings are applied; re-running.`,
          },
        };
      }
      const previous = state.form && state.dataset;
      const carried =
        action.reread && state.form && state.dataset && sameNames(state.dataset, action.dataset)
          ? carriedForm(state.form, state.dataset, action.dataset)
          : undefined;
      const keep = carried === undefined && previous && sameColumns(state.dataset!, action.dataset);
      const proposal = targetProposal(action.dataset, action.rememberedTarget);
      // A new revision: anything still running for the previous data is now stale.
      return {
        ...initialState,
        read: action.dataset.readOptions,
        run: { ...initialState.run, revision: state.run.revision + 1 },
        dataset: action.dataset,
        // Another file than the project's: the project still waits for its own.
        projectAwaitingData: awaiting,
        form: carried ?? (keep ? state.form : defaultForm(action.dataset, action.rememberedTarget)),
        targetProposal:
          keep || carried
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
        runWhenReady: false,
        form: action.form ?? state.form,
        runForm: action.form ?? state.form,
        run: {
          remedy: undefined,
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
        return {
          ...state,
          run: {
            ...state.run,
            status: 'failed',
            error: event.error.message,
            remedy: remedyOf(event.error),
          },
        };
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
        read: action.dataset.readOptions,
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
        projectAwaitingData: action.awaiting,
        runWhenReady: false,
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
