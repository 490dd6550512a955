/**
 * Electron glue: app lifecycle, the one window, IPC registration. Everything else lives in
 * electron/services (plain Node) and runs the same in the CLI and the web host.
 */
import { app, type BrowserWindow, dialog, ipcMain, protocol } from 'electron';
import { createHandlers } from '../services/api';
import { DatasetService } from '../services/datasetService';
import { FitService } from '../services/fitService';
import { AnalysisPool, defaultThreads } from '../workers/analysisPool';
import workerPath from '../workers/analysisWorker?modulePath';
import { isTrustedSender, registerApi, sendEvent } from './ipc';
import { builtPaths } from './paths';
import { registerAppProtocol, registerAppScheme } from './protocol';
import { createMainWindow } from './window';

registerAppScheme(protocol);

let mainWindow: BrowserWindow | undefined;

async function start(): Promise<void> {
  const paths = builtPaths(import.meta.dirname);
  registerAppProtocol(protocol, paths.renderer);
  const threads = defaultThreads();
  const pool = new AnalysisPool({ threads, workerFile: workerPath });
  const datasets = new DatasetService(pool);
  const fits = new FitService(datasets, pool, (event) => sendEvent(mainWindow, event));
  const handlers = createHandlers({
    datasets,
    fits,
    threads,
    host: {
      kind: 'electron',
      chooseCsvFile: async () => {
        const options = {
          title: 'Open a CSV file',
          properties: ['openFile' as const],
          filters: [
            { name: 'CSV and text files', extensions: ['csv', 'tsv', 'txt'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const chosen = mainWindow
          ? await dialog.showOpenDialog(mainWindow, options)
          : await dialog.showOpenDialog(options);
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
      },
    },
  });
  registerApi(ipcMain, handlers, (event) => isTrustedSender(event, mainWindow));
  mainWindow = createMainWindow(paths.preload);
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  app.on('before-quit', () => {
    void pool.close();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('Shrinkage could not start', String(error));
    app.quit();
  });
}
