/**
 * An opened project → what the workbench shows and whether it re-runs. Only data that
 * matches the project's fingerprint re-runs on its own; otherwise the saved results stay on
 * screen and the user decides (choose the file, or press Run).
 */
import type { OpenedProject } from '../../shared/ipc/contract';
import type { Action } from '../state/workbench';
import { fromSettings } from './settingsForm';

export function projectRestore(project: OpenedProject): {
  action: Extract<Action, { type: 'projectOpened' }>;
  autoRun: boolean;
} {
  const dataset = project.dataset ?? undefined;
  const form = dataset ? fromSettings(project.settings, dataset) : undefined;
  const warnings = project.warnings.join(' ');
  const autoRun = Boolean(dataset) && project.dataVerified;
  return {
    action: {
      type: 'projectOpened',
      dataset,
      form,
      result: autoRun ? null : project.savedResult,
      selectedIndex: project.selectedIndex,
      // Without its data, the project waits for the file with its fingerprint.
      awaiting:
        !dataset && project.data?.sha256
          ? {
              projectName: project.fileName,
              fileName: project.data.fileName,
              sha256: project.data.sha256,
              settings: project.settings,
              selectedIndex: project.selectedIndex,
            }
          : undefined,
      notice: {
        tone: warnings || !autoRun ? 'warning' : 'info',
        text:
          warnings ||
          (autoRun
            ? `Opened ${project.fileName}; re-running its analysis.`
            : `Opened ${project.fileName}. Data not verified: choose the file.`),
      },
    },
    autoRun,
  };
}
