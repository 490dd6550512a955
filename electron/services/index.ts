/** Builds the services and their handler table; every host (Electron, web, tests) starts here. */
import type { AnalysisExecutor } from '../../shared/analysis/executor';
import type { WorkbenchEvent } from '../../shared/ipc/contract';
import { createHandlers, type Host } from './api';
import { type DatasetLoader, DatasetService } from './datasetService';
import { FitService } from './fitService';
import { ProjectService } from './projectService';

export function createServices(options: {
  executor: AnalysisExecutor;
  loader?: DatasetLoader | undefined;
  emit: (event: WorkbenchEvent) => void;
  host: Host;
  threads: number;
}) {
  const datasets = new DatasetService(options.loader);
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
