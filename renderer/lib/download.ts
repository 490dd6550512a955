/** Save a file from the page: a download in the browser, a save dialog in the desktop app. */
export function download(content: BlobPart, fileName: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([content], { type }));
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/**
 * A chart's SVG as a standalone file. Serialized from the live element, never cloned: copying
 * its style attributes would be blocked by the page's style-src CSP. Font and white background
 * are added as text.
 */
export function chartSvg(figure: HTMLElement): string | undefined {
  const svg = figure.querySelector<SVGSVGElement>('svg.recharts-surface');
  if (!svg) return undefined;
  const text = new XMLSerializer().serializeToString(svg);
  const open = text.indexOf('>') + 1;
  const head = text
    .slice(0, open)
    .replace('<svg', '<svg font-family="Helvetica, Arial, sans-serif"');
  const withNamespace = head.includes('xmlns=')
    ? head
    : head.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  return `${withNamespace}<rect width="100%" height="100%" fill="#ffffff"/>${text.slice(open)}`;
}

/** The SVG drawn onto a canvas at twice the size, as PNG bytes. */
export async function chartPng(svgText: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
