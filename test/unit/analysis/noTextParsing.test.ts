/**
 * Meaning travels as data: design columns carry {feature, kind, level} and warnings a code, so
 * no source file recovers either from text. This keeps the issue-14 acceptance greps true: no
 * parsing of '=' in design-column names, no search of a warning's words (tests excepted).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Lines of shared/, electron/ and renderer/ matching a pattern, as `file:line: text`. */
function offending(pattern: RegExp, allowed: readonly string[] = []): string[] {
  const files = ['shared', 'electron', 'renderer'].flatMap(sources);
  expect(files.length).toBeGreaterThan(50);
  return files
    .filter((file) => !allowed.includes(file))
    .flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, k) => (pattern.test(line) ? [`${file}:${k + 1}: ${line.trim()}`] : [])),
    );
}

describe('no meaning recovered from text', () => {
  it('no code searches the words of a warning', () => {
    const search =
      /\b(warning|warnings|w)(\.message)?\.(includes|startsWith|endsWith|match|search|indexOf)\(|\.test\(\s*(warning|w)(\.message)?\s*\)/;
    expect(offending(search)).toEqual([]);
  });

  it("no code splits a design-column name at '=' or matches a built `feature=level`", () => {
    // The CLI splits its own COLUMN=VALUE arguments (--rows, --penalty-factor), not names;
    // readOptions.ts parses the NAME=TYPE items a user types (--column-type, the app's Column
    // types box), the one parser both share.
    const parse =
      /(split|indexOf|lastIndexOf)\(\s*['"]=['"]\s*\)|(===|!==|startsWith\(|includes\()\s*`\$\{[^}]+\}=/;
    expect(offending(parse, ['electron/cli/fitArgs.ts', 'shared/data/readOptions.ts'])).toEqual([]);
  });
});
