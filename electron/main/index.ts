/**
 * Electron glue: app lifecycle, the one window, menus and dialogs, IPC registration, crash
 * recovery. Everything else lives in electron/services (plain Node) and runs the same in the
 * CLI and the web host.
 */
import { join } from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, Menu, protocol, shell } from 'electron';
import { APP_NAME, APP_VERSION } from '../../shared/version';
import { createServices } from '../services';
import { AnalysisPool, defaultThreads } from '../workers/analysisPool';
import workerPath from '../workers/analysisWorker?modulePath';
import { isTrustedSender, registerApi, sendEvent } from './ipc';
import { menuTemplate } from './menu';
import { builtPaths, unpackedPath } from './paths';
import { printHtmlToPdf } from './pdf';
import { addRecent, persistence } from './persisted';
import { registerAppProtocol, registerAppScheme } from './protocol';
import { createMainWindow } from './window';

registerAppScheme(protocol);

let mainWindow: BrowserWindow | undefined;
/** A project the system asked us to open (double-click, file association), handled once ready. */
let openProjectFile: ((path: string) => void) | undefined;
let pendingProject: string | undefined = projectArgument(process.argv);

function projectArgument(argv: readonly string[]): string | undefined {
  return argv
    .slice(1)
    .find((arg) => arg.toLowerCase().endsWith('.shrinkage') && !arg.startsWith('-'));
}

const csvFilters = [
  {
    name: 'CSV, text and Parquet files',
    extensions: ['csv', 'tsv', 'txt', 'parquet', 'parq', 'pq'],
  },
  { name: 'All files', extensions: ['*'] },
];
const projectFilters = [{ name: 'Shrinkage projects', extensions: ['shrinkage'] }];

async function chooseFile(title: string, filters: typeof csvFilters): Promise<string | null> {
  const options = { title, properties: ['openFile' as const], filters };
  const chosen = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}

async function start(): Promise<void> {
  const paths = builtPaths(import.meta.dirname);
  registerAppProtocol(protocol, paths.renderer);
  const stored = persistence(app.getPath('userData'));
  let recent = stored.recent();

  const threads = defaultThreads();
  // Worker threads cannot load scripts from inside app.asar: the worker is unpacked beside it.
  const pool = new AnalysisPool({ threads, workerFile: unpackedPath(workerPath) });
  const { datasets, projects, handlers } = createServices({
    executor: pool,
    loader: pool,
    emit: (event) => sendEvent(mainWindow, event),
    threads,
    host: {
      kind: 'electron',
      chooseCsvFile: () => chooseFile('Open a CSV file', csvFilters),
      chooseProjectToOpen: () => chooseFile('Open a Shrinkage project', projectFilters),
      chooseProjectData: ({ projectName, fileName }) =>
        chooseFile(`${projectName}: choose its data file (${fileName})`, csvFilters),
      chooseProjectSavePath: async (suggestedName) => {
        const options = {
          title: 'Save project',
          defaultPath: suggestedName,
          filters: projectFilters,
        };
        const chosen = mainWindow
          ? await dialog.showSaveDialog(mainWindow, options)
          : await dialog.showSaveDialog(options);
        return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
      },
      printToPdf: (html) => printHtmlToPdf(html),
      rememberFile: (path) => {
        recent = addRecent(recent, path);
        app.addRecentDocument(path);
        void stored.saveRecent(recent);
        buildMenu();
      },
    },
  });

  const buildMenu = () => {
    const template = menuTemplate(
      {
        command: (command) => sendEvent(mainWindow, { type: 'command', command }),
        openRecent: (path) => {
          if (path.endsWith('.shrinkage')) {
            openProjectFile?.(path);
            return;
          }
          datasets.openPath(path).then(
            (dataset) => sendEvent(mainWindow, { type: 'datasetOpened', dataset }),
            (error: unknown) =>
              dialog.showErrorBox(
                'Cannot open the file',
                error instanceof Error ? error.message : String(error),
              ),
          );
        },
        clearRecent: () => {
          recent = [];
          app.clearRecentDocuments();
          void stored.saveRecent(recent);
          buildMenu();
        },
        about: () => {
          void dialog.showMessageBox({
            type: 'info',
            title: `About ${APP_NAME}`,
            message: `${APP_NAME} ${APP_VERSION}`,
            detail:
              'Lasso, ridge and elastic-net regression paths that match R’s glmnet, with cross-validation and reproducible reports.',
          });
        },
        documentation: () => {
          void shell.openPath(join(app.getAppPath(), 'docs', 'USER_GUIDE.md'));
        },
      },
      recent,
      process.platform,
      !app.isPackaged,
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  buildMenu();
  registerApi(ipcMain, handlers, (event) => isTrustedSender(event, mainWindow));

  openProjectFile = (path) => {
    projects.open(path).then(
      (project) => sendEvent(mainWindow, { type: 'projectOpened', project }),
      (error: unknown) =>
        dialog.showErrorBox(
          'Cannot open the project',
          error instanceof Error ? error.message : String(error),
        ),
    );
  };

  const bounds = stored.bounds();
  const window = createMainWindow(paths.preload, bounds);
  mainWindow = window;
  if (bounds?.maximized) window.maximize();
  const remember = () => {
    if (window.isDestroyed()) return;
    void stored.saveBounds({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  window.on('resized', remember);
  window.on('moved', remember);
  window.on('close', remember);
  window.webContents.once('did-finish-load', () => {
    if (pendingProject) openProjectFile?.(pendingProject);
    pendingProject = undefined;
  });
  window.on('closed', () => {
    mainWindow = undefined;
  });
  // The renderer can crash; the data and results live here, so a reload restores them.
  window.webContents.on('render-process-gone', async (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const { response } = await dialog.showMessageBox(window, {
      type: 'error',
      buttons: ['Reload', 'Quit'],
      defaultId: 0,
      message: 'The Shrinkage window stopped unexpectedly.',
      detail: `Reason: ${details.reason}. Your open data and finished analyses are kept; reloading shows them again.`,
    });
    if (response === 0) window.webContents.reload();
    else app.quit();
  });
  app.on('before-quit', () => {
    void pool.close();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const project = projectArgument(argv);
    if (project) openProjectFile?.(project);
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  // macOS delivers files opened from Finder as events, possibly before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (openProjectFile && mainWindow) openProjectFile(path);
    else pendingProject = path;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('Shrinkage could not start', String(error));
    app.quit();
  });
}
