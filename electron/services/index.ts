/** Builds the services and their handler table; every host (Electron, web, tests) starts here. */
import type { AnalysisExecutor } from '../../shared/analysis/executor';
import type { WorkbenchEvent } from '../../shared/ipc/contract';
import { createHandlers, type Host } from './api';
import { type DatasetLoader, DatasetService, MAX_OPEN_DATASETS } from './datasetService';
import { FitService } from './fitService';
import { memoryBudget } from './memoryBudget';
import { ProjectService } from './projectService';

export function createServices(options: {
  executor: AnalysisExecutor;
  loader?: DatasetLoader | undefined;
  emit: (event: WorkbenchEvent) => void;
  host: Host;
  threads: number;
}) {
  // The app refuses, before reading, a file whose analysis would not fit (memoryBudget.ts:
  // SHRINKAGE_MEMORY_LIMIT or half of memory).
  const datasets = new DatasetService(options.loader, MAX_OPEN_DATASETS, memoryBudget(undefined));
  const fits = new FitService(datasets, options.executor, options.emit);
  const projects = new ProjectService(datasets, fits, options.host.chooseProjectData);
  const handlers = createHandlers({
    datasets,
    fits,
    projects,
    host: options.host,
    threads: options.threads,
  });
  /** Cancels running jobs and drops every dataset and result (a web page whose session ended). */
  const release = () => {
    fits.release();
    datasets.closeAll();
  };
  return { datasets, fits, projects, handlers, release };
}
