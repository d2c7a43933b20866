import { describe, expect, it } from 'vitest';
import {
  TARGETS,
  findings,
  formatStorefrontTable,
  median,
  misses,
  scriptSources,
  totalKb,
  type LighthouseReport,
  type PageFigures,
} from './storefront';

const page = (overrides: Partial<PageFigures> = {}): PageFigures => ({
  page: 'home',
  path: '/',
  scores: { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100 },
  runs: { performance: [97, 98, 99], accessibility: [100], 'best-practices': [100], seo: [100] },
  firstLoadJs: [
    { url: 'http://127.0.0.1:3000/_next/static/chunks/a.js', gzipBytes: 100 * 1024 },
    { url: 'http://127.0.0.1:3000/_next/static/chunks/b.js', gzipBytes: 20 * 1024 },
  ],
  allJs: [],
  findings: [],
  benchmarkIndex: [1500, 1500, 1500],
  ...overrides,
});

describe('median', () => {
  it('takes the middle run of three, whatever their order', () => {
    expect(median([91, 99, 95])).toBe(95);
    expect(median([100, 100, 100])).toBe(100);
  });

  it('takes the mean of the middle two of an even count, and refuses none', () => {
    expect(median([90, 100, 94, 96])).toBe(95);
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('scriptSources', () => {
  it('lists the scripts the HTML loads once each, absolute, and not the ones modern browsers skip', () => {
    const html = [
      '<link rel="preload" as="script" href="/_next/static/chunks/preloaded.js"/>',
      '<script src="/_next/static/chunks/webpack-1.js" async=""></script>',
      '<script src="/_next/static/chunks/polyfills-2.js" noModule=""></script>',
      '<script>self.__next_f.push([1,"inline"])</script>',
      '<script async src=/_next/static/chunks/app/page-3.js?v=1&amp;x=2></script>',
      '<script src="/_next/static/chunks/webpack-1.js" async=""></script>',
      '<script src="https://cdn.example.com/lib.js"></script>',
    ].join('');
    expect(scriptSources(html, 'http://127.0.0.1:3000/search?q=mug')).toEqual([
      'http://127.0.0.1:3000/_next/static/chunks/webpack-1.js',
      'http://127.0.0.1:3000/_next/static/chunks/app/page-3.js?v=1&x=2',
      'https://cdn.example.com/lib.js',
    ]);
  });
});

describe('misses', () => {
  it('names nothing when every target is met, the JavaScript exactly at its limit included', () => {
    expect(misses(page({ firstLoadJs: [{ url: 'x', gzipBytes: TARGETS.firstLoadJsKb * 1024 }] }))).toEqual([]);
  });

  it('names each score under its target and JavaScript over its limit', () => {
    const figures = page({
      scores: { performance: 91, accessibility: 100, 'best-practices': 96, seo: 100 },
      firstLoadJs: [{ url: 'x', gzipBytes: 160.25 * 1024 }],
    });
    expect(misses(figures)).toEqual([
      'performance 91 < 95',
      'best-practices 96 < 100',
      'first-load JS 160.3 KB > 150 KB',
    ]);
  });
});

describe('formatStorefrontTable', () => {
  it('prints a row per page with the targets under them, and marks each miss', () => {
    const table = formatStorefrontTable(
      [
        page(),
        page({
          page: 'product',
          path: '/product/stoneware-mug',
          scores: { performance: 90, accessibility: 100, 'best-practices': 100, seo: 92 },
          firstLoadJs: [{ url: 'x', gzipBytes: 151 * 1024 }],
          allJs: [{ url: 'y', gzipBytes: 200 * 1024 }],
        }),
      ],
      3,
    );
    const lines = table.split('\n');
    expect(lines[0]).toBe('storefront on a phone: Lighthouse mobile, median of 3 runs; JS in KB of gzip');
    expect(lines[2].split(/\s{2,}/)).toEqual([
      'page',
      'path',
      'perf',
      'a11y',
      'BP',
      'SEO',
      'first-load JS gzip',
      'all JS gzip',
    ]);
    const home = lines.find((l) => l.startsWith('home'))!;
    expect(home).not.toContain('✗');
    expect(home).toContain('120.0 KB');
    const product = lines.find((l) => l.startsWith('product'))!;
    expect(product).toMatch(/90 ✗/);
    expect(product).toMatch(/92 ✗/);
    expect(product).toMatch(/151\.0 KB ✗/);
    expect(product).toContain('200.0 KB');
    expect(lines.at(-1)).toMatch(/^target\s+≥ 95\s+≥ 100\s+≥ 100\s+≥ 100\s+≤ 150 KB/);
  });
});

describe('findings', () => {
  const report = (audits: LighthouseReport['audits'], refs: Record<string, { id: string; weight: number }[]>) =>
    ({
      categories: Object.fromEntries(
        ['performance', 'accessibility', 'best-practices', 'seo'].map((c) => [
          c,
          { score: 1, auditRefs: refs[c] ?? [] },
        ]),
      ),
      audits,
    }) as LighthouseReport;

  it('lists failing audits by what they cost, then opportunities by the time they save; passing ones not at all', () => {
    const found = findings(
      report(
        {
          'largest-contentful-paint': {
            title: 'Largest Contentful Paint',
            score: 0.5,
            scoreDisplayMode: 'numeric',
            displayValue: '3.9 s',
          },
          'total-blocking-time': { title: 'Total Blocking Time', score: 0.95, scoreDisplayMode: 'numeric' },
          'color-contrast': { title: 'Contrast is too low', score: 0, scoreDisplayMode: 'binary' },
          'meta-description': { title: 'Document has a meta description', score: 1, scoreDisplayMode: 'binary' },
          'unused-javascript': {
            title: 'Reduce unused JavaScript',
            score: 0.5,
            scoreDisplayMode: 'metricSavings',
            details: { type: 'opportunity', overallSavingsMs: 450, overallSavingsBytes: 60 * 1024 },
          },
          'render-blocking-resources': {
            title: 'Eliminate render-blocking resources',
            score: 0.5,
            scoreDisplayMode: 'metricSavings',
            details: { type: 'opportunity', overallSavingsMs: 10 },
          },
        },
        {
          performance: [
            { id: 'largest-contentful-paint', weight: 25 },
            { id: 'total-blocking-time', weight: 30 },
          ],
          accessibility: [{ id: 'color-contrast', weight: 7 }],
          seo: [{ id: 'meta-description', weight: 1 }],
        },
      ),
    );
    expect(found).toEqual([
      'performance: Largest Contentful Paint (3.9 s), score 0.5',
      'accessibility: Contrast is too low, score 0',
      'performance opportunity: Reduce unused JavaScript (saves 450 ms, 60 KB)',
    ]);
  });
});

describe('totalKb', () => {
  it('adds the scripts’ gzip bytes in KB of 1,024 bytes', () => {
    expect(totalKb(page().firstLoadJs)).toBe(120);
  });
});
