import { describe, expect, it } from 'vitest';
import { errorReport, redactAppUrl } from './error-report';

describe('errorReport', () => {
  it('holds the error, stacks, page and browser, and no trace values from the URL', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'lane')");
    error.stack = "TypeError: Cannot read properties of undefined (reading 'lane')\n    at drawFrames (flame-painter.ts:10:5)\n    at FlameView (FlameView.tsx:40:3)";
    const report = errorReport({
      area: 'the flame graph',
      error,
      componentStack: '\n    at FlameView\n    at ErrorBoundary',
      url: 'https://tracery.example/trace/4bf92f3577b34da6a3ce929d0e0e4736?source=prod&view=flame&span=00f067aa0ba902b7&find=user.email%3Dalice%40example.com&lq=card+declined',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0',
      time: new Date(Date.UTC(2026, 0, 15, 12, 0, 0)),
    });
    expect(report).toBe(
      [
        'Tracery: the flame graph failed',
        "Error: TypeError: Cannot read properties of undefined (reading 'lane')",
        'When: 2026-01-15T12:00:00.000Z',
        'Page: https://tracery.example/trace/4bf92f3577b34da6a3ce929d0e0e4736?source=prod&view=flame&span=00f067aa0ba902b7&find=…&lq=…',
        'Browser: Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0',
        '',
        'Stack:',
        "TypeError: Cannot read properties of undefined (reading 'lane')",
        '    at drawFrames (flame-painter.ts:10:5)',
        '    at FlameView (FlameView.tsx:40:3)',
        '',
        'Components:',
        '    at FlameView',
        '    at ErrorBoundary',
      ].join('\n'),
    );
    expect(report).not.toContain('alice');
  });

  it('keeps search settings but not service names or tags', () => {
    expect(redactAppUrl('http://127.0.0.1:5173/search?service=checkout&tags=http.route%3D%2Fcart&lookback=1h&limit=20')).toBe(
      'http://127.0.0.1:5173/search?service=…&tags=…&lookback=1h&limit=20',
    );
  });

  it('bounds a deep stack', () => {
    const error = new Error('too deep');
    error.stack = ['Error: too deep', ...Array.from({ length: 100 }, (_, i) => `    at f${i}`)].join('\n');
    const report = errorReport({ area: 'x', error, url: 'http://h/', userAgent: 'ua', time: new Date(0) });
    expect(report.split('\n').filter((l) => l.startsWith('    at f'))).toHaveLength(24);
    expect(report).toContain('  … 76 more lines');
  });
});
