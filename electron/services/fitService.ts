/**
 * Fit jobs: start an analysis of an open dataset, report progress, cancel it, hand back its
 * result as plain data. Every job carries the caller's revision so a UI can drop results of
 * superseded requests. Finished jobs are kept for a while (MAX_KEPT_JOBS), then forgotten.
 */
import { randomUUID } from 'node:crypto';
import type { AnalysisExecutor } from '../../shared/analysis/executor';
import { outOfFoldAt, type PredictionRows, predictionsAt } from '../../shared/analysis/predictions';
import { analysisResult } from '../../shared/analysis/result';
import { type AnalysisRun, analyze } from '../../shared/analysis/run';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import type { Remedy } from '../../shared/data/readOptions';
import type { JobResult, Predictions, WorkbenchEvent } from '../../shared/ipc/contract';
import { SolverCancelledError } from '../../shared/solver/errors';
import type { DatasetService } from './datasetService';
import { errorData, JobStateError, NotFoundError } from './errors';

const MAX_KEPT_JOBS = 20;
const PROGRESS_INTERVAL_MS = 40;

type JobState = 'running' | 'done' | 'failed' | 'cancelled';

interface Job {
  jobId: string;
  datasetId: string;
  settings: AnalysisSettings;
  revision: number;
  state: JobState;
  controller: AbortController;
  settled: Promise<void>;
  analysis?: AnalysisRun;
  payload?: JobResult;
  error?: { name: string; message: string; remedy?: Remedy };
}

export class FitService {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly datasets: DatasetService,
    private readonly executor: AnalysisExecutor,
    private readonly emit: (event: WorkbenchEvent) => void,
  ) {
    // An analysis keeps its design (as large as the data): it goes with its dataset.
    datasets.onRelease((ids) => this.forgetDatasets(ids));
  }

  /** Cancels and forgets the jobs of released datasets. */
  private forgetDatasets(datasetIds: readonly string[]): void {
    for (const job of [...this.jobs.values()]) {
      if (!datasetIds.includes(job.datasetId)) continue;
      if (job.state === 'running') job.controller.abort();
      this.jobs.delete(job.jobId);
    }
  }

  /** Jobs held (running or finished), for tests of what is kept. */
  get size(): number {
    return this.jobs.size;
  }

  start(datasetId: string, settings: AnalysisSettings, revision: number): { jobId: string } {
    const open = this.datasets.get(datasetId);
    const jobId = randomUUID();
    const controller = new AbortController();
    const started = performance.now();
    let lastProgress = 0;
    const job: Job = {
      jobId,
      datasetId,
      settings,
      revision,
      state: 'running',
      controller,
      settled: Promise.resolve(),
    };
    job.settled = analyze(open.dataset, settings, {
      executor: this.executor,
      signal: controller.signal,
      onProgress: ({ fraction, message }) => {
        const now = performance.now();
        if (fraction < 1 && now - lastProgress < PROGRESS_INTERVAL_MS) return;
        lastProgress = now;
        this.emit({ type: 'progress', jobId, revision, fraction, message });
      },
    }).then(
      (analysis) => {
        job.analysis = analysis;
        job.payload = {
          jobId,
          revision,
          ...analysisResult(
            analysis,
            settings,
            {
              file: open.dataset.fileName,
              sha256: open.sha256,
              columnTypes: open.dataset.columnTypes,
              format: open.dataset.format,
            },
            { readSeconds: open.readSeconds },
          ),
        };
        job.state = 'done';
        this.emit({ type: 'done', jobId, revision, seconds: (performance.now() - started) / 1000 });
      },
      (error: unknown) => {
        if (error instanceof SolverCancelledError || controller.signal.aborted) {
          job.state = 'cancelled';
          this.emit({ type: 'cancelled', jobId, revision });
          return;
        }
        job.state = 'failed';
        const { name, message, remedy } = errorData(error);
        job.error = { name, message, ...(remedy && { remedy }) };
        this.emit({ type: 'failed', jobId, revision, error: job.error });
      },
    );
    this.jobs.set(jobId, job);
    this.forgetOldJobs();
    return { jobId };
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((job) => job.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, this.jobs.size - MAX_KEPT_JOBS)))
      this.jobs.delete(job.jobId);
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new NotFoundError('That analysis is unknown or was discarded. Run it again.');
    return job;
  }

  cancel(jobId: string): { cancelled: boolean } {
    const job = this.job(jobId);
    if (job.state !== 'running') return { cancelled: false };
    job.controller.abort();
    return { cancelled: true };
  }

  /** Resolves when the job has finished, whatever the outcome (for the CLI and tests). */
  async settled(jobId: string): Promise<JobState> {
    const job = this.job(jobId);
    await job.settled;
    return job.state;
  }

  private finished(jobId: string): Job & { analysis: AnalysisRun; payload: JobResult } {
    const job = this.job(jobId);
    if (job.state === 'running') throw new JobStateError('The analysis is still running.');
    if (job.state === 'cancelled') throw new JobStateError('The analysis was cancelled.');
    if (job.state === 'failed')
      throw new JobStateError(`The analysis failed: ${job.error!.message}`);
    return job as Job & { analysis: AnalysisRun; payload: JobResult };
  }

  result(jobId: string): JobResult {
    return this.finished(jobId).payload;
  }

  /**
   * Actual against predicted at one λ: test rows when held out, else the fitted rows, or the
   * training rows out of fold; sampled evenly to `limit`.
   */
  predictions(
    jobId: string,
    lambdaIndex: number,
    limit = 2000,
    rows: PredictionRows = 'fitted',
  ): Predictions {
    const { analysis } = this.finished(jobId);
    const { path } = analysis;
    if (lambdaIndex >= path.lambda.length) {
      throw new NotFoundError(
        `The path has ${path.lambda.length} λ values; there is no value ${lambdaIndex + 1}.`,
      );
    }
    if (rows === 'outOfFold' && !outOfFoldAt(analysis, lambdaIndex)) {
      throw new NotFoundError(
        analysis.cv
          ? `Out-of-fold predictions were kept at λ_min and λ_1se only, not at λ value ${lambdaIndex + 1}. Turn on "Keep out-of-fold predictions at every λ" (--keep) and run again.`
          : 'This analysis has no cross-validation, so no out-of-fold predictions.',
      );
    }
    return predictionsAt(analysis, lambdaIndex, limit, rows);
  }

  /** The newest finished analysis of a dataset, if any. */
  lastDone(datasetId: string): { jobId: string; settings: AnalysisSettings } | undefined {
    const done = [...this.jobs.values()].filter(
      (job) => job.datasetId === datasetId && job.state === 'done',
    );
    const last = done.at(-1);
    return last && { jobId: last.jobId, settings: last.settings };
  }

  /** The finished analysis behind a job (for reports and models). */
  analysis(jobId: string): AnalysisRun {
    return this.finished(jobId).analysis;
  }

  /** Cancels every running job and forgets every job (its owner has gone). */
  release(): void {
    for (const job of this.jobs.values()) if (job.state === 'running') job.controller.abort();
    this.jobs.clear();
  }

  get runningJobs(): number {
    return [...this.jobs.values()].filter((job) => job.state === 'running').length;
  }
}
