/** A dataset whose column name and level are HTML that would run script if not escaped. */
export const HOSTILE_COLUMN = '<img src=x onerror=alert(1)>';
export const HOSTILE_LEVEL = '<script>alert(2)</script>';

export function hostileCsv(): string {
  const lines = [`"${HOSTILE_COLUMN}",group,y`];
  for (let i = 0; i < 80; i++) {
    const x = ((i * 37) % 23) / 3;
    const group = i % 3 === 0 ? HOSTILE_LEVEL : i % 3 === 1 ? 'b' : 'c';
    lines.push(`${x.toFixed(3)},"${group}",${(2 * x + (i % 3) + ((i * 7) % 5) / 5).toFixed(3)}`);
  }
  return `${lines.join('\n')}\n`;
}
