/**
 * The text a person pastes into a bug report when a view fails: what failed,
 * the error and its stacks, where (the app URL) and in which browser. Trace
 * data is not ours to send: of the URL only ids and view settings are kept;
 * every other parameter's value (find text, service names, tags, queries) is
 * replaced by "…".
 */
export interface ErrorReportInput {
  readonly area: string;
  readonly error: Error;
  readonly componentStack?: string | null;
  readonly url: string;
  readonly userAgent: string;
  readonly time: Date;
}

/** URL parameters that hold ids, numbers or view settings, never a value from a trace. */
const SAFE_PARAMS: ReadonlySet<string> = new Set([
  'source',
  'view',
  'span',
  'flameFocus',
  'flameMode',
  'flameColor',
  'flameOrder',
  'flameDim',
  'critical',
  'times',
  'window',
  'collapse',
  'matches',
  'lsev',
  'lspan',
  'sort',
  'lookback',
  'limit',
  'live',
  'start',
  'end',
  'errors',
]);

/** Bounded: a stack from deep recursion must not make the report unreadable. */
const MAX_STACK_LINES = 25;

export function redactAppUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(unreadable URL)';
  }
  const params = [...parsed.searchParams.entries()].map(([key, value]) => `${encodeURIComponent(key)}=${SAFE_PARAMS.has(key) ? encodeURIComponent(value) : '…'}`);
  return `${parsed.origin}${parsed.pathname}${params.length > 0 ? `?${params.join('&')}` : ''}`;
}

export function errorReport(input: ErrorReportInput): string {
  const { error } = input;
  const lines = [
    `Tracery: ${input.area} failed`,
    `Error: ${error.name}: ${error.message}`,
    `When: ${input.time.toISOString()}`,
    `Page: ${redactAppUrl(input.url)}`,
    `Browser: ${input.userAgent}`,
  ];
  if (error.stack) lines.push('', 'Stack:', ...boundedLines(error.stack));
  if (input.componentStack) lines.push('', 'Components:', ...boundedLines(input.componentStack));
  return lines.join('\n');
}

function boundedLines(text: string): string[] {
  const lines = text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  return lines.length > MAX_STACK_LINES ? [...lines.slice(0, MAX_STACK_LINES), `  … ${lines.length - MAX_STACK_LINES} more lines`] : lines;
}
