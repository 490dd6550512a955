/**
 * The report as PDF: Chromium's printToPDF in a hidden, locked-down window. The HTML is loaded
 * from a file in a private temporary folder (mode 0700, removed afterwards whatever happens),
 * not as a data: URL, which Chromium caps at 2 MiB (a report with CV on ~160 000 rows is more).
 * The window has its own in-memory session, so the app's header CSP (no inline styles) does not
 * apply to the report, whose own CSP meta tag forbids loading anything.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';

/** A session of its own, in memory only (no "persist:" prefix). */
export const PRINT_PARTITION = 'shrinkage-print';

export async function printHtmlToPdf(html: string, tempRoot = tmpdir()): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tempRoot, 'shrinkage-report-'));
  let printer: BrowserWindow | undefined;
  try {
    const file = join(dir, 'report.html');
    await writeFile(file, html, { mode: 0o600 });
    // The report has no script; nothing in this window runs any.
    printer = new BrowserWindow({
      show: false,
      webPreferences: {
        partition: PRINT_PARTITION,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    printer.webContents.on('will-navigate', (event) => event.preventDefault());
    printer.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    printer.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
      callback(false),
    );
    await printer.loadURL(pathToFileURL(file).href);
    const pdf = await printer.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      margins: { top: 0.6, bottom: 0.6, left: 0.6, right: 0.6 },
    });
    return new Uint8Array(pdf);
  } finally {
    printer?.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
