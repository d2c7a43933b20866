/**
 * A line chart as a standalone SVG document, written by hand (no plotting dependency): axes with
 * rounded ticks, one polyline per series, a legend. Gaps (NaN) break a line.
 */
export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
  color?: string;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  width?: number;
  height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** A "nice" step (1, 2 or 5 × 10^n) giving about `count` ticks over `span`. */
export const niceStep = (span: number, count = 5): number => {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= raw)!;
  return step * magnitude;
};

const label = (n: number) => (Math.abs(n) >= 1000 ? `${Number((n / 1000).toFixed(1))}k` : String(Number(n.toFixed(2))));

export const lineChart = ({ title, xLabel, yLabel, series, width = 720, height = 320 }: ChartOptions): string => {
  const m = { left: 64, right: 16, top: 36, bottom: 48 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const finite = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const xMax = Math.max(1, ...finite.map(([x]) => x));
  const yTop = Math.max(1, ...finite.map(([, y]) => y));
  const yStep = niceStep(yTop);
  const yMax = Math.ceil(yTop / yStep) * yStep;
  const xStep = niceStep(xMax);
  const px = (x: number) => m.left + (x / xMax) * plotW;
  const py = (y: number) => m.top + plotH - (y / yMax) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
  ];
  for (let y = 0; y <= yMax + 1e-9; y += yStep) {
    out.push(
      `<line x1="${m.left}" x2="${m.left + plotW}" y1="${py(y).toFixed(1)}" y2="${py(y).toFixed(1)}" stroke="#e5e5e5"/>`,
      `<text x="${m.left - 6}" y="${(py(y) + 4).toFixed(1)}" text-anchor="end">${label(y)}</text>`,
    );
  }
  for (let x = 0; x <= xMax + 1e-9; x += xStep) {
    out.push(`<text x="${px(x).toFixed(1)}" y="${m.top + plotH + 16}" text-anchor="middle">${label(x)}</text>`);
  }
  out.push(
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + plotH}" stroke="#333"/>`,
    `<line x1="${m.left}" x2="${m.left + plotW}" y1="${m.top + plotH}" y2="${m.top + plotH}" stroke="#333"/>`,
    `<text x="${m.left + plotW / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(14 ${m.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    // Consecutive finite points make one polyline; a NaN starts the next.
    const runs: string[][] = [[]];
    for (const [x, y] of s.points) {
      if (Number.isFinite(x) && Number.isFinite(y))
        runs[runs.length - 1].push(`${px(x).toFixed(1)},${py(y).toFixed(1)}`);
      else if (runs[runs.length - 1].length) runs.push([]);
    }
    for (const run of runs.filter((r) => r.length))
      out.push(
        run.length === 1
          ? `<circle cx="${run[0].split(',')[0]}" cy="${run[0].split(',')[1]}" r="2" fill="${color}"/>`
          : `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${run.join(' ')}"/>`,
      );
    const ly = m.top + 4 + i * 14;
    out.push(
      `<rect x="${m.left + 8}" y="${ly}" width="10" height="3" fill="${color}"/>`,
      `<text x="${m.left + 22}" y="${ly + 5}">${escapeXml(s.name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
};
