/** PDF export loads the report from a private temporary file (never a data: URL) and cleans up. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { renderReport } from '../../../shared/report/html';
import { scratchDir } from '../../helpers/cli';

interface Load {
  url: string;
  /** What the loaded file held, and its folder's and its own permission bits, at load time. */
  text?: string;
  dirMode?: number;
  fileMode?: number;
}
const loads: Load[] = [];
const windows: { options: Record<string, unknown>; destroyed: boolean }[] = [];
const behaviour = { failLoad: false, failPrint: false };

vi.mock('electron', () => ({
  BrowserWindow: class {
    private readonly record: { options: Record<string, unknown>; destroyed: boolean };
    webContents = {
      on: vi.fn(),
      setWindowOpenHandler: vi.fn(),
      session: { setPermissionRequestHandler: vi.fn() },
      printToPDF: vi.fn(async () => {
        if (behaviour.failPrint) throw new Error('printing failed');
        return Buffer.from('%PDF-1.7 fake');
      }),
    };
    constructor(options: Record<string, unknown>) {
      this.record = { options, destroyed: false };
      windows.push(this.record);
    }
    loadURL = vi.fn(async (url: string) => {
      const load: Load = { url };
      if (url.startsWith('file:')) {
        const file = fileURLToPath(url);
        load.text = readFileSync(file, 'utf8');
        load.fileMode = statSync(file).mode & 0o777;
        load.dirMode = statSync(fileURLToPath(new URL('.', url))).mode & 0o777;
      }
      loads.push(load);
      if (behaviour.failLoad) throw new Error('ERR_FAILED');
    });
    destroy() {
      this.record.destroyed = true;
    }
  },
}));

const { printHtmlToPdf, PRINT_PARTITION } = await import('../../../electron/main/pdf');

/** A real report made over 3 MB by a long fold assignment (as CV on a large file gives). */
async function largeReport(): Promise<string> {
  const lines = ['x,z,y'];
  for (let i = 0; i < 60; i++) lines.push(`${i % 7},${(i * 3) % 5},${(i % 7) + ((i * 3) % 5) / 2}`);
  const settings = {
    ...DEFAULT_SETTINGS,
    target: 'y',
    cv: { nfolds: 3, seed: 1, measure: 'mse' as const },
  };
  const dataset = readCsvText(`${lines.join('\n')}\n`, { fileName: 'big.csv' });
  const json = analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file: 'big.csv', sha256: 'a'.repeat(64) },
    { readSeconds: 0 },
  );
  const foldid = Array.from({ length: 900_000 }, (_, i) => 1 + (i % 3));
  const html = renderReport({
    result: { ...json, cv: { ...json.cv!, foldid } },
    selectedIndex: json.cv!.index1se,
    generatedAt: new Date(0),
  });
  expect(html.length).toBeGreaterThan(3 * 1024 * 1024);
  return html;
}

describe('PDF export', () => {
  beforeEach(() => {
    loads.length = 0;
    windows.length = 0;
    behaviour.failLoad = false;
    behaviour.failPrint = false;
  });

  it('loads a report over 3 MB from a private temporary file, not a data: URL', async () => {
    const html = await largeReport();
    const root = scratchDir();
    const pdf = await printHtmlToPdf(html, root);
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7 fake');
    expect(loads).toHaveLength(1);
    const [load] = loads;
    expect(load!.url).not.toMatch(/^data:/);
    expect(load!.url).toMatch(/^file:/);
    expect(fileURLToPath(load!.url).startsWith(root)).toBe(true);
    expect(load!.text).toBe(html);
    if (process.platform !== 'win32') {
      expect(load!.dirMode).toBe(0o700);
      expect(load!.fileMode).toBe(0o600);
    }
    // Removed afterwards, and the window is gone.
    expect(readdirSync(root)).toEqual([]);
    expect(windows[0]!.destroyed).toBe(true);
    // A locked-down window in a session of its own (not the app's, whose CSP forbids inline styles).
    expect(windows[0]!.options.webPreferences).toMatchObject({
      partition: PRINT_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
    });
    expect(PRINT_PARTITION).not.toMatch(/^persist:/);
  });

  it('removes the temporary file when loading or printing fails', async () => {
    const html = '<!doctype html><p>report</p>';
    for (const failure of ['failLoad', 'failPrint'] as const) {
      behaviour.failLoad = failure === 'failLoad';
      behaviour.failPrint = failure === 'failPrint';
      const root = scratchDir();
      await expect(printHtmlToPdf(html, root)).rejects.toThrow();
      expect(loads.at(-1)!.text).toBe(html);
      expect(existsSync(fileURLToPath(loads.at(-1)!.url))).toBe(false);
      expect(readdirSync(root)).toEqual([]);
      expect(windows.at(-1)!.destroyed).toBe(true);
    }
  });
});
