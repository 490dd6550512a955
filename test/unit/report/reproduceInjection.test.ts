/**
 * The Reproduce snippets cannot be hijacked by a name: every user string is a quoted literal,
 * every user text in a comment stays in the comment. Checked two ways: a small tokenizer (always
 * runs) finds the hostile markers only inside literals and comments; R's and Python's own
 * parsers (when installed) read the code, and its string literals evaluate to the exact names.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../shared/analysis/result';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { PYTHON, R } from '../../../shared/report/codeLiterals';
import { escapeMarkup } from '../../../shared/report/escape';
import { renderReport } from '../../../shared/report/html';
import { pysparkCode, pythonCode, rCode } from '../../../shared/report/reproduce';
import { hasHiddenCharacters } from '../../../shared/report/unicode';
import { scratchDir } from '../../helpers/cli';
import { INJECTION, injectionCsv } from '../../helpers/hostile';

const MARKERS = [
  'PWNED_target',
  'PWNED_numeric',
  'PWNED_separator',
  'PWNED_paragraph',
  'PWNED_nextline',
  'PWNED_bidi',
  'PWNED_level',
  'PWNED_quote',
  'PWNED_backslash',
  'PWNED_filter',
  'PWNED_test',
  'PWNED_file',
  'PWNED_weights',
  'PWNED_offset',
];

/** Every user string a snippet may quote, exactly (design columns are `feature=level`). */
const USER_STRINGS = [
  INJECTION.target,
  INJECTION.numeric,
  INJECTION.separator,
  INJECTION.nextLine,
  INJECTION.categorical,
  ...INJECTION.levels,
  ...INJECTION.levels.map((level) => `${INJECTION.categorical}=${level}`),
  INJECTION.filterValue,
  INJECTION.testValue,
  INJECTION.fileName,
  INJECTION.weights,
  INJECTION.offset,
];

async function injectionResult(missing: 'drop' | 'impute'): Promise<AnalysisResult> {
  const dataset = readCsvText(injectionCsv(), { fileName: INJECTION.fileName });
  const settings: AnalysisSettings = {
    ...DEFAULT_SETTINGS,
    target: INJECTION.target,
    features: [INJECTION.numeric, INJECTION.separator, INJECTION.nextLine, INJECTION.categorical],
    rows: [{ column: 'subset', value: INJECTION.filterValue }],
    testRows: { column: 'split', value: INJECTION.testValue },
    penaltyFactor: { [INJECTION.numeric]: 0.5 },
    weights: INJECTION.weights,
    offset: INJECTION.offset,
    alpha: 0.5,
    missing,
    cv: { nfolds: 3, seed: 2, measure: 'mse' },
  };
  return analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file: dataset.fileName, sha256: 'a'.repeat(64) },
    { readSeconds: 0 },
  );
}

async function snippets() {
  const snippets: { language: 'R' | 'Python'; name: string; code: string }[] = [];
  for (const missing of ['drop', 'impute'] as const) {
    const result = await injectionResult(missing);
    const options = { index: result.cv!.indexMin, dataPath: result.data.file };
    snippets.push(
      { language: 'R', name: `R (${missing})`, code: rCode(result, options) },
      { language: 'Python', name: `Python (${missing})`, code: pythonCode(result, options) },
      { language: 'Python', name: `PySpark (${missing})`, code: pysparkCode(result, options) },
    );
  }
  // The logistic and Poisson pieces quote the same names (the code reads only the settings, so
  // the gaussian fit relabelled serves; alpha 0 takes the scikit-learn branches that fit).
  const result = await injectionResult('drop');
  const options = { index: result.cv!.indexMin, dataPath: result.data.file };
  for (const family of ['binomial', 'poisson'] as const) {
    for (const alpha of [0, 0.5]) {
      const relabelled = { ...result, settings: { ...result.settings, family, alpha } };
      const name = `${family}, alpha ${alpha}`;
      snippets.push(
        { language: 'R', name: `R (${name})`, code: rCode(relabelled, options) },
        { language: 'Python', name: `Python (${name})`, code: pythonCode(relabelled, options) },
        { language: 'Python', name: `PySpark (${name})`, code: pysparkCode(relabelled, options) },
      );
    }
  }
  return snippets;
}

/**
 * One line split into code, string literals and a comment, by R's and Python's shared rules for
 * what the generator emits: "…" or '…' with backslash escapes, and # to the end of the line.
 */
function tokenizeLine(line: string) {
  let code = '';
  let comment = '';
  const literals: string[] = [];
  let open: string | undefined;
  let literal = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (open) {
      if (c === '\\') literal += c + (line[++i] ?? '');
      else if (c === open) {
        literals.push(literal);
        open = undefined;
        literal = '';
      } else literal += c;
    } else if (c === '"' || c === "'") open = c;
    else if (c === '#') {
      comment = line.slice(i);
      break;
    } else code += c;
  }
  return { code, literals, comment, unterminated: open !== undefined };
}

describe('reproduce code with hostile names', () => {
  it('keeps every user string inside a literal or a comment, on every line', async () => {
    for (const { name, code } of await snippets()) {
      // The only line break is LF, and nothing hidden or reordering is left anywhere.
      expect(hasHiddenCharacters(code.replaceAll('\n', '')), name).toBe(false);
      let inLiterals = '';
      let inComments = '';
      for (const line of code.split('\n')) {
        const tokens = tokenizeLine(line);
        expect(tokens.unterminated, `${name}: ${line}`).toBe(false);
        expect(tokens.code, `${name}: ${line}`).not.toMatch(/PWNED/);
        inLiterals += tokens.literals.join('\n');
        inComments += tokens.comment;
      }
      // Not vacuous: the hostile names are there, quoted.
      for (const marker of MARKERS.filter((m) => m !== 'PWNED_file'))
        expect(inLiterals, `${name} quotes ${marker}`).toContain(marker);
      expect(`${inLiterals}${inComments}`, name).toContain('PWNED_file');
    }
  });

  it('puts the same code into the HTML report, with nothing hidden left in it', async () => {
    const result = await injectionResult('drop');
    const html = renderReport({ result, selectedIndex: 0, generatedAt: new Date(0) });
    expect(hasHiddenCharacters(html.replaceAll('\n', ''))).toBe(false);
    const options = { index: 0, dataPath: result.data.file };
    expect(html).toContain(`<pre>${escapeMarkup(rCode(result, options))}</pre>`);
    expect(html).toContain(`<pre>${escapeMarkup(pythonCode(result, options))}</pre>`);
  });

  it('marks hidden characters in comments and escapes them in literals', () => {
    expect(R.comment('predicting y\nsystem("x")')).toBe('# predicting y⟨U+000A⟩system("x")');
    expect(PYTHON.comment('a\r\u2028\u2029\u0085\u202e\u200bb')).toBe(
      '# a⟨U+000D⟩⟨U+2028⟩⟨U+2029⟩⟨U+0085⟩⟨U+202E⟩⟨U+200B⟩b',
    );
    expect(R.string('a"b\\c\nd\u2028e\u{1f600}é')).toBe('"a\\"b\\\\c\\nd\\u{2028}e😀é"');
    expect(R.string('nul\0 lone\ud800')).toBe('"nul\\u{FFFD} lone\\u{FFFD}"');
    expect(PYTHON.string('a"b\\c\nd\u2028e\u{e0001}é\0\ud800')).toBe(
      '"a\\"b\\\\c\\nd\\u2028e\\U000e0001é\\x00\\ud800"',
    );
    expect(R.strings(['a', 'b'])).toBe('c("a", "b")');
    expect(R.string('\t\r\u0085')).toBe('"\\t\\r\\u{0085}"');
    expect(PYTHON.string('\t\r\u0085')).toBe('"\\t\\r\\x85"');
    expect(PYTHON.strings([])).toBe('[]');
  });
});

const HAS_R = spawnSync('Rscript', ['--version'], { timeout: 20_000 }).status === 0;
const HAS_PYTHON = spawnSync('python3', ['--version'], { timeout: 20_000 }).status === 0;
const utf8Env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

/** The string literals of a parsed file, each as hex UTF-8 on its own line (R has no JSON built in). */
const R_LITERALS = `
e <- parse(file = commandArgs(TRUE)[1], encoding = "UTF-8", keep.source = TRUE)
p <- getParseData(e)
bad <- p$text[p$token %in% c("SYMBOL", "SYMBOL_FUNCTION_CALL") & grepl("PWNED", p$text)]
if (length(bad) > 0) stop("hostile code: ", paste(bad, collapse = ", "))
for (t in p$text[p$token == "STR_CONST"]) {
  v <- eval(parse(text = t, encoding = "UTF-8")[[1]])
  cat(paste(as.character(charToRaw(enc2utf8(v))), collapse = ""), "\\n", sep = "")
}`;

const PYTHON_LITERALS = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
names = [n.id for n in ast.walk(tree) if isinstance(n, ast.Name)]
names += [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)]
names += [a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names]
bad = [n for n in names if "PWNED" in n or n == "os"]
if bad: sys.exit("hostile code: " + ", ".join(bad))
print(json.dumps([n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]))`;

function literalsParsedBy(language: 'R' | 'Python', file: string): string[] {
  const run =
    language === 'R'
      ? spawnSync('Rscript', ['-e', R_LITERALS, file], {
          encoding: 'utf8',
          env: utf8Env,
          timeout: 60_000,
        })
      : spawnSync('python3', ['-c', PYTHON_LITERALS, file], {
          encoding: 'utf8',
          env: utf8Env,
          timeout: 60_000,
        });
  expect(run.status, `${language} could not parse ${file}: ${run.stderr}`).toBe(0);
  return language === 'R'
    ? run.stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((hex) => Buffer.from(hex, 'hex').toString('utf8'))
    : (JSON.parse(run.stdout) as string[]);
}

describe('reproduce code read by the real parsers', () => {
  for (const [language, available, tool] of [
    ['R', HAS_R, 'Rscript'],
    ['Python', HAS_PYTHON, 'python3'],
  ] as const) {
    it.skipIf(!available)(
      `${language} parses every snippet and its literals are exactly the names (skipped without ${tool})`,
      async () => {
        const dir = scratchDir();
        for (const [k, snippet] of (await snippets()).entries()) {
          if (snippet.language !== language) continue;
          const file = join(dir, `snippet-${k}.${language === 'R' ? 'R' : 'py'}`);
          writeFileSync(file, snippet.code);
          const literals = literalsParsedBy(language, file);
          // Each literal with a hostile marker reads back as exactly one of the user's strings
          // (or, in R, as R's read.csv names a column holding a CR: with LF instead).
          const expected =
            language === 'R'
              ? [...USER_STRINGS, ...USER_STRINGS.map((text) => text.replace(/\r\n?/g, '\n'))]
              : USER_STRINGS;
          for (const literal of literals.filter((text) => text.includes('PWNED')))
            expect(expected, `${snippet.name}: ${JSON.stringify(literal)}`).toContain(literal);
          expect(literals, snippet.name).toContain(INJECTION.target);
          expect(literals, snippet.name).toContain(INJECTION.fileName);
        }
      },
      120_000,
    );
  }
});
