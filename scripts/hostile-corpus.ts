/**
 * The hostile-input corpus: OTLP/JSON files that attack the viewer rather than
 * describe a service. Each file is one trace with a clear name; `manifest.json`
 * lists them with what the e2e spec (e2e/hostile-input.spec.ts) should see.
 *
 * Deterministic (no clock, no randomness), so a failure reproduces byte for byte.
 * Playwright's globalSetup writes it into e2e/fixtures/hostile/ (git-ignored); by hand:
 *
 *   npx tsx scripts/hostile-corpus.ts [outDir]
 *
 * Every payload that would run if it reached the DOM as markup or as a link sets
 * `window.__pwned = true` (and some call alert, which fails the test's dialog check):
 * the tripwire the spec reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---- OTLP/JSON shapes, loose on purpose: the corpus writes what the spec forbids ----
type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string | number }
  | { doubleValue: number | string }
  | { bytesValue: string }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | Record<string, never>;
interface KeyValue {
  key: string;
  value: AnyValue;
}
interface OtlpSpanJson {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: KeyValue[];
  events?: { timeUnixNano: string; name: string; attributes?: KeyValue[] }[];
  links?: { traceId: string; spanId: string; traceState?: string; attributes?: KeyValue[] }[];
  status?: { code: number; message?: string };
  traceState?: string;
}
interface Block {
  service: string;
  resourceAttributes?: KeyValue[];
  scope?: { name: string; version?: string; attributes?: KeyValue[] };
  spans: OtlpSpanJson[];
}

/** What the spec reads about one file. */
export interface HostileCase {
  readonly file: string;
  readonly title: string;
  readonly traceId: string;
  /** the span the spec opens in the details panel */
  readonly probeSpanId: string;
  /** substrings the trace's warnings must contain (empty: a clean file, no warnings expected) */
  readonly expectWarnings: readonly string[];
  /**
   * the part of expectWarnings still seen when the file went through a backend first
   * (the demo's OTLP ingest): a store drops skipped spans and repeated ids and cuts deep
   * values before the page sees the trace, so only problems of the tree itself remain
   */
  readonly backendWarnings: readonly string[];
  /** spans the built trace holds */
  readonly spanCount: number;
  /** the file is big: the spec gives it more time */
  readonly heavy?: boolean;
}

// ---- payloads: each sets the tripwire if it ever runs ----
const TRIP = 'window.__pwned=true';
export const PAYLOADS = {
  script: `<script>${TRIP}</script>`,
  img: `<img src=x onerror="${TRIP};alert('pwned')">`,
  svg: `"><svg onload="${TRIP}">`,
  iframe: `<iframe srcdoc="<script>parent.__pwned=true</script>"></iframe>`,
  javascriptUrl: `javascript:${TRIP}`,
  javascriptUrlMixedCase: `JaVaScRiPt:${TRIP}`,
  javascriptUrlLeadingSpace: ` \tjavascript:${TRIP}`,
  javascriptUrlEntity: `jav&#x09;ascript:${TRIP}`,
  dataUrl: `data:text/html,<script>${TRIP}</script>`,
  dataUrlBase64: `data:text/html;base64,${Buffer.from(`<script>${TRIP}</script>`).toString('base64')}`,
  vbscriptUrl: `vbscript:msgbox("pwned")`,
  httpUrlWithMarkup: `https://evil.example/?q="><svg onload="${TRIP}">`,
  styleBreakout: `</style><script>${TRIP}</script>`,
  template: `{{constructor.constructor('${TRIP}')()}}`,
} as const;
const ALL = Object.values(PAYLOADS);

// ---- helpers ----
const BASE_NS = 1_700_000_000_000_000_000n;
const ms = (n: number) => BigInt(n) * 1_000_000n;
const at = (offset: bigint) => (BASE_NS + offset).toString();
const str = (key: string, value: string): KeyValue => ({ key, value: { stringValue: value } });
/**
 * A JSON number too big for a double, written as the digits (JSON.stringify would round it first):
 * a placeholder string that writeHostileCorpus turns into a bare number.
 */
const rawNumber = (digits: string) => `${RAW_NUMBER}${digits}`;
const RAW_NUMBER = '\u0000raw-number:';
const RAW_NUMBER_JSON = /"\\u0000raw-number:(\d+)"/g;
const traceIdOf = (n: number) => `4057113e${n.toString(16).padStart(24, '0')}`;
/** span ids: the case number in the high bytes, the span number in the low ones */
const spanIdOf = (caseNo: number, n: number) => `${caseNo.toString(16).padStart(4, '0')}${n.toString(16).padStart(12, '0')}`;

function tracesData(blocks: readonly Block[]): unknown {
  return {
    resourceSpans: blocks.map((b) => ({
      resource: { attributes: [str('service.name', b.service), ...(b.resourceAttributes ?? [])] },
      scopeSpans: [{ scope: b.scope ?? { name: 'hostile-corpus', version: '1' }, spans: b.spans }],
    })),
  };
}

function span(traceId: string, spanId: string, parent: string | undefined, name: string, from: number, to: number, extra: Partial<OtlpSpanJson> = {}): OtlpSpanJson {
  return { traceId, spanId, ...(parent ? { parentSpanId: parent } : {}), name, kind: 1, startTimeUnixNano: at(ms(from)), endTimeUnixNano: at(ms(to)), ...extra };
}

/** A nested kvlist `levels` deep, the innermost holding a marker string. */
function nestedKvlist(levels: number): AnyValue {
  let value: AnyValue = { stringValue: `bottom of ${levels} levels` };
  for (let level = levels; level >= 1; level--) value = { kvlistValue: { values: [{ key: `level ${level}`, value }] } };
  return value;
}
function nestedArray(levels: number): AnyValue {
  let value: AnyValue = { stringValue: `bottom of ${levels} levels` };
  for (let level = levels; level >= 1; level--) value = { arrayValue: { values: [value] } };
  return value;
}

/** 1 MiB of text with a readable start and end, so a person can tell where it stops. */
function megabyteString(label: string): string {
  const head = `${label} starts here. `;
  const tail = ` …${label} ends here.`;
  return head + 'x'.repeat(1024 * 1024 - head.length - tail.length) + tail;
}

// ---- the cases ----
interface Built {
  readonly case: HostileCase;
  readonly json: unknown;
}

function markupEverywhere(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  const root = span(traceId, id(1), undefined, `GET /search?q=${PAYLOADS.script}`, 0, 100, {
    kind: 2,
    attributes: [
      ...ALL.map((p, i) => str(`payload.${i}`, p)),
      // hostile keys, not only values
      ...ALL.slice(0, 5).map((p, i) => str(`${p} key ${i}`, 'value under a hostile key')),
      str('http.url', PAYLOADS.httpUrlWithMarkup),
      str('http.request.header.authorization', `Bearer ${PAYLOADS.img}`),
    ],
    events: [
      { timeUnixNano: at(ms(10)), name: PAYLOADS.img, attributes: [str('exception.message', PAYLOADS.svg), str(PAYLOADS.iframe, PAYLOADS.script)] },
      { timeUnixNano: at(ms(20)), name: PAYLOADS.svg },
    ],
    links: [{ traceId, spanId: id(2), traceState: PAYLOADS.svg, attributes: [str('link.reason', PAYLOADS.img), str(PAYLOADS.script, PAYLOADS.javascriptUrl)] }],
    status: { code: 2, message: PAYLOADS.svg },
    traceState: PAYLOADS.img,
  });
  const children = ALL.map((p, i) => span(traceId, id(10 + i), id(1), p, 5 + i, 50 + i, { attributes: [str('payload', p)] }));
  const blocks: Block[] = [
    {
      service: PAYLOADS.img,
      resourceAttributes: [str('host.name', PAYLOADS.svg), str(PAYLOADS.script, 'hostile resource key')],
      scope: { name: PAYLOADS.script, version: PAYLOADS.svg, attributes: [str('scope.attr', PAYLOADS.img)] },
      spans: [root, ...children.slice(0, 7)],
    },
    {
      service: PAYLOADS.svg,
      spans: [span(traceId, id(2), id(1), PAYLOADS.iframe, 30, 60, { attributes: [str('peer.service', PAYLOADS.svg)] }), ...children.slice(7)],
    },
  ];
  return {
    case: { file: 'markup-everywhere.json', title: '<script>, <img onerror>, <svg onload>, <iframe srcdoc> in names, services, keys, values, events, links, status, scope', traceId, probeSpanId: id(1), expectWarnings: [], backendWarnings: [], spanCount: 2 + ALL.length },
    json: tracesData(blocks),
  };
}

function dangerousUrls(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  const urls: KeyValue[] = [
    str('url.javascript', PAYLOADS.javascriptUrl),
    str('url.javascript.mixed_case', PAYLOADS.javascriptUrlMixedCase),
    str('url.javascript.leading_space', PAYLOADS.javascriptUrlLeadingSpace),
    str('url.javascript.entity', PAYLOADS.javascriptUrlEntity),
    str('url.javascript.nul', `\u0000javascript:${TRIP}`),
    str('url.javascript.newline', `java\nscript:${TRIP}`),
    str('url.data', PAYLOADS.dataUrl),
    str('url.data.base64', PAYLOADS.dataUrlBase64),
    str('url.vbscript', PAYLOADS.vbscriptUrl),
    str('url.file', 'file:///etc/passwd'),
    str('url.protocol_relative', `//evil.example/${PAYLOADS.svg}`),
    str('url.http_with_markup', PAYLOADS.httpUrlWithMarkup),
    str('url.https_credentials', 'https://admin:hunter2@evil.example/'),
    str('url.ok', 'https://shop.example/cart?id=1'),
  ];
  const root = span(traceId, id(1), undefined, PAYLOADS.javascriptUrl, 0, 100, {
    attributes: urls,
    events: [{ timeUnixNano: at(ms(5)), name: PAYLOADS.dataUrl, attributes: urls.slice(0, 4) }],
    links: [{ traceId: traceIdOf(999), spanId: spanIdOf(999, 1), attributes: [str('link.url', PAYLOADS.javascriptUrl)] }],
  });
  return {
    case: { file: 'dangerous-urls.json', title: 'javascript:, data:, vbscript:, file: and disguised URL values (only http(s) may become links)', traceId, probeSpanId: id(1), expectWarnings: [], backendWarnings: [], spanCount: 2 },
    json: tracesData([{ service: PAYLOADS.dataUrl, spans: [root, span(traceId, id(2), id(1), PAYLOADS.dataUrlBase64, 10, 20, { attributes: urls })] }]),
  };
}

function unicodeTricks(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  const RLO = '\u202e';
  const tricks: [string, string][] = [
    ['bidi.rlo', `invoice${RLO}fdp.exe`],
    ['bidi.isolates', `\u2066admin\u2069 \u2067evil\u2069 \u2068x\u2069`],
    ['bidi.unterminated', `${RLO}${RLO}${RLO}everything after this is reversed`],
    ['zero.width', `pay\u200bment\u200c-\u200dservice\ufeff`],
    ['zero.width.only', '\u200b\u200b\u200b'],
    ['nul.and.controls', 'a\u0000b\u0007c\u001bd\u007fe'],
    ['lone.surrogates', 'high \ud800 low \udc00 end'],
    ['combining.marks', `Z${'\u0336\u0337\u0338'.repeat(60)}algo`],
    ['homoglyph', 'раypal'],
    ['line.separators', 'a\u2028b\u2029c\r\nd'],
  ];
  const root = span(traceId, id(1), undefined, `GET /${RLO}gpj.exe`, 0, 100, {
    attributes: tricks.map(([k, v]) => str(k, v)),
    events: [{ timeUnixNano: at(ms(10)), name: `event${RLO}desrever`, attributes: [str(`key${RLO}reversed`, 'v')] }],
    links: [{ traceId, spanId: id(2), attributes: [str('link.bidi', `${RLO}kcatta`)] }],
  });
  const children = tricks.map(([k, v], i) => span(traceId, id(10 + i), id(1), v, 5 + i, 40, { attributes: [str(`${k}${RLO}`, v)] }));
  return {
    case: { file: 'unicode-bidi-zero-width.json', title: 'Bidi overrides (U+202E) and isolates, zero-width characters, NUL and control characters, lone surrogates, combining marks', traceId, probeSpanId: id(1), expectWarnings: [], backendWarnings: [], spanCount: 2 + tricks.length },
    json: tracesData([
      { service: `cart${RLO}\u200b`, spans: [root, ...children] },
      { service: `\u200b${RLO}`, spans: [span(traceId, id(2), id(1), `${RLO}${RLO}`, 50, 60)] },
    ]),
  };
}

function megabyteStrings(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  const root = span(traceId, id(1), undefined, 'upload', 0, 100, {
    attributes: [
      str('http.request.body', megabyteString('the 1 MiB attribute value')),
      str('json.body', `{"data":"${'y'.repeat(1024 * 1024)}"}`),
      str(megabyteString('the 1 MiB key'), 'value under a 1 MiB key'),
    ],
    events: [{ timeUnixNano: at(ms(10)), name: megabyteString('the 1 MiB event name'), attributes: [str('event.body', megabyteString('the 1 MiB event attribute'))] }],
    links: [{ traceId, spanId: id(2), attributes: [str('link.body', megabyteString('the 1 MiB link attribute'))] }],
  });
  return {
    case: { file: 'megabyte-strings.json', title: '1 MiB strings: attribute value, JSON-looking value, attribute key, span name, service name, event name, event and link attributes', traceId, probeSpanId: id(1), expectWarnings: [], backendWarnings: [], spanCount: 2, heavy: true },
    json: tracesData([
      { service: 'uploader', spans: [root] },
      { service: megabyteString('the 1 MiB service name'), spans: [span(traceId, id(2), id(1), megabyteString('the 1 MiB span name'), 10, 90)] },
    ]),
  };
}

function tenThousandAttributes(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  const attributes: KeyValue[] = [];
  for (let i = 0; i < 10_000; i++) attributes.push(str(`attr.${String(i).padStart(5, '0')}`, i % 997 === 0 ? PAYLOADS.img : `value ${i}`));
  return {
    case: { file: 'ten-thousand-attributes.json', title: '10,000 attributes on one span', traceId, probeSpanId: id(1), expectWarnings: [], backendWarnings: [], spanCount: 1, heavy: true },
    json: tracesData([{ service: 'wide', resourceAttributes: attributes.slice(0, 2_000), spans: [span(traceId, id(1), undefined, 'wide span', 0, 10, { attributes })] }]),
  };
}

function nestedValues(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  return {
    case: { file: 'nested-kvlist-200.json', title: 'kvlist and array values nested 200 levels deep', traceId, probeSpanId: id(1), expectWarnings: ['nested deeper than'], backendWarnings: [], spanCount: 1 },
    json: tracesData([
      {
        service: 'nesting',
        spans: [span(traceId, id(1), undefined, 'nested', 0, 10, { attributes: [{ key: 'deep.kvlist', value: nestedKvlist(200) }, { key: 'deep.array', value: nestedArray(200) }] })],
      },
    ]),
  };
}

function nonFiniteNumbers(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  const attributes: KeyValue[] = [
    { key: 'double.nan', value: { doubleValue: 'NaN' } },
    { key: 'double.infinity', value: { doubleValue: 'Infinity' } },
    { key: 'double.minus_infinity', value: { doubleValue: '-Infinity' } },
    { key: 'double.max', value: { doubleValue: 1.7976931348623157e308 } },
    { key: 'double.min_subnormal', value: { doubleValue: 5e-324 } },
    { key: 'double.minus_zero', value: { doubleValue: -0 } },
    { key: 'double.not_a_number_text', value: { doubleValue: `${PAYLOADS.img}` } },
    { key: 'int.max', value: { intValue: '9223372036854775807' } },
    { key: 'int.min', value: { intValue: '-9223372036854775808' } },
    { key: 'int.overflow', value: { intValue: '99999999999999999999999' } },
    { key: 'int.as_number_above_2^53', value: { intValue: rawNumber('9007199254740993') } },
    { key: 'bytes.not_base64', value: { bytesValue: PAYLOADS.svg } },
    { key: 'unknown.value_type', value: { evilValue: PAYLOADS.script } as unknown as Record<string, never> },
  ];
  return {
    case: { file: 'non-finite-numbers.json', title: 'NaN, ±Infinity, extreme and malformed doubles and ints, non-base64 bytes, an unknown value type', traceId, probeSpanId: id(1), expectWarnings: [], backendWarnings: [], spanCount: 1 },
    json: tracesData([{ service: 'numbers', spans: [span(traceId, id(1), undefined, 'numbers', 0, 10, { attributes })] }]),
  };
}

function absurdTimestamps(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  const s = (n: number, name: string, start: string | number | undefined, end: string | number | undefined, parent?: number): OtlpSpanJson => ({
    traceId,
    spanId: id(n),
    ...(parent !== undefined ? { parentSpanId: id(parent) } : {}),
    name,
    ...(start !== undefined ? { startTimeUnixNano: start } : {}),
    ...(end !== undefined ? { endTimeUnixNano: end } : {}),
  });
  const spans = [
    s(1, 'root (ordinary times)', at(0n), at(ms(100))),
    s(2, 'negative start', '-1000', at(ms(50)), 1),
    s(3, 'negative end', at(ms(10)), '-5', 1),
    s(4, 'end before start', at(ms(60)), at(ms(20)), 1),
    s(5, 'the epoch (start 0)', '0', at(ms(30)), 1),
    s(6, 'u64 max', '18446744073709551615', '18446744073709551615', 1),
    s(7, 'above u64', '99999999999999999999999', at(ms(40)), 1),
    s(8, 'not a number', PAYLOADS.img, at(ms(40)), 1),
    s(9, 'JSON number above 2^53', rawNumber('1700000000000000100'), rawNumber('1700000000050000001'), 1),
    s(10, 'no times at all', undefined, undefined, 1),
    s(11, 'fractional', '1700000000000000000.5', at(ms(40)), 1),
  ];
  return {
    case: {
      file: 'absurd-timestamps.json',
      title: 'Negative, fractional, non-numeric, zero, u64-max and beyond-u64 timestamps; end before start; missing times',
      traceId,
      probeSpanId: id(1),
      expectWarnings: ['startTimeUnixNano is not a non-negative integer', 'endTimeUnixNano before startTimeUnixNano', 'span skipped', 'more than 104 days'], backendWarnings: ['more than 104 days'],
      // the spans with an unreadable start (negative, beyond u64, not a number, fractional) are skipped
      spanCount: 7,
    },
    json: tracesData([{ service: 'clock', spans }]),
  };
}

function duplicateIds(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  return {
    case: { file: 'duplicate-span-ids.json', title: 'The same span id three times (different names, services and parents); a span that is its own parent', traceId, probeSpanId: id(1), expectWarnings: ['appears more than once', 'parent cycle'], backendWarnings: ['parent cycle'], spanCount: 5 },
    json: tracesData([
      { service: 'first', spans: [span(traceId, id(1), undefined, 'root', 0, 100), span(traceId, id(2), id(1), 'first copy', 10, 20), span(traceId, id(3), id(3), 'its own parent', 30, 40)] },
      { service: 'second', spans: [span(traceId, id(2), id(1), `second copy ${PAYLOADS.img}`, 50, 60), span(traceId, id(2), id(2), 'third copy, parent = itself', 70, 80)] },
    ]),
  };
}

function parentCycles(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  return {
    case: { file: 'parent-cycles.json', title: 'Parent cycles: A→B→C→A, a two-span cycle, and a cycle hanging under a real root', traceId, probeSpanId: id(1), expectWarnings: ['parent cycle'], backendWarnings: ['parent cycle'], spanCount: 8 },
    json: tracesData([
      {
        service: 'loops',
        spans: [
          span(traceId, id(1), id(3), 'A', 0, 100),
          span(traceId, id(2), id(1), 'B', 10, 90),
          span(traceId, id(3), id(2), 'C', 20, 80),
          span(traceId, id(4), id(5), 'D', 0, 50),
          span(traceId, id(5), id(4), 'E', 5, 45),
          span(traceId, id(6), undefined, 'real root', 0, 100),
          span(traceId, id(7), id(8), 'F (under the real root, in a cycle with G)', 10, 30),
          span(traceId, id(8), id(7), 'G', 12, 28),
        ],
      },
    ]),
  };
}

export const DEEP_CHAIN_SPANS = 100_000;

function deepChain(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  const spans: OtlpSpanJson[] = [];
  // each level starts 1 µs after its parent and ends 1 µs before it: a strictly nested chain
  const total = BigInt(DEEP_CHAIN_SPANS) * 2_000n + 1_000n;
  for (let level = 0; level < DEEP_CHAIN_SPANS; level++) {
    const start = BigInt(level) * 1_000n;
    spans.push({
      traceId,
      spanId: id(level + 1),
      ...(level > 0 ? { parentSpanId: id(level) } : {}),
      name: `level ${level}`,
      startTimeUnixNano: at(start),
      endTimeUnixNano: at(total - start),
      ...(level % 1_000 === 0 ? { attributes: [str('level', String(level)), str('note', PAYLOADS.img)] } : {}),
    });
  }
  return {
    case: { file: 'deep-chain-100k.json', title: `A ${DEEP_CHAIN_SPANS.toLocaleString('en')}-deep parent chain`, traceId, probeSpanId: id(DEEP_CHAIN_SPANS), expectWarnings: [], backendWarnings: [], spanCount: DEEP_CHAIN_SPANS, heavy: true },
    json: tracesData([{ service: 'recursion', spans }]),
  };
}

/** Everything at once on one span: the details panel's worst case. */
function worstSpan(no: number): Built {
  const traceId = traceIdOf(no);
  const id = (n: number) => spanIdOf(no, n);
  const attributes: KeyValue[] = [
    str('http.request.header.authorization', 'Bearer s3cr3t-t0k3n-do-not-show'),
    str('http.request.header.cookie', 'session=abc123'),
    str('db.password', 'hunter2'),
    str('api_token', 'tok_live_0123456789'),
    { key: 'http.request.headers', value: { kvlistValue: { values: [str('x-api-key', 'key-in-a-kvlist'), str('accept', 'application/json')] } } },
    str('request.body', megabyteString('the 1 MiB value')),
    { key: 'deep', value: nestedKvlist(200) },
    { key: 'ratio', value: { doubleValue: 'NaN' } },
    str('note', PAYLOADS.img),
  ];
  const named = attributes.length;
  for (let i = 0; i < 10_000 - named; i++) attributes.push(str(`attr.${String(i).padStart(5, '0')}`, `value ${i}`));
  const root = span(traceId, id(1), undefined, `worst ${PAYLOADS.svg}`, 0, 100, {
    attributes,
    events: [{ timeUnixNano: at(ms(5)), name: 'request headers', attributes: [str('set-cookie', 'session=secret-cookie'), str('note', PAYLOADS.script)] }],
    links: [{ traceId, spanId: id(2), attributes: [str('x-api-key', 'link-secret'), str('note', PAYLOADS.img)] }],
  });
  return {
    case: { file: 'worst-span.json', title: 'One span with 10,000 attributes, a 1 MiB value, a 200-level kvlist, NaN, and secrets under authorization / cookie / password / token / x-api-key', traceId, probeSpanId: id(1), expectWarnings: ['nested deeper than'], backendWarnings: [], spanCount: 2, heavy: true },
    json: tracesData([{ service: 'worst', resourceAttributes: [str('secret', 'resource-secret')], spans: [root, span(traceId, id(2), id(1), 'child', 10, 20)] }]),
  };
}

/** OTLP logs with hostile bodies. A trace file cannot carry logs, so the spec sends these to the demo backend's OTLP ingest. */
function hostileLogs(traceId: string, spanId: string): unknown {
  const bodies: AnyValue[] = [
    ...ALL.map((p) => ({ stringValue: p })),
    { stringValue: `\u202e${PAYLOADS.svg}` },
    { kvlistValue: { values: [str(PAYLOADS.script, PAYLOADS.img), str('authorization', 'Bearer log-secret')] } },
    nestedKvlist(200),
    { stringValue: megabyteString('the 1 MiB log body') },
  ];
  return {
    resourceLogs: [
      {
        resource: { attributes: [str('service.name', PAYLOADS.img)] },
        scopeLogs: [
          {
            scope: { name: PAYLOADS.script },
            logRecords: bodies.map((body, i) => ({
              timeUnixNano: at(ms(1 + i)),
              severityNumber: 17,
              severityText: PAYLOADS.svg,
              traceId,
              spanId,
              body,
              attributes: [str('log.payload', ALL[i % ALL.length] as string), str('cookie', 'log-cookie')],
            })),
          },
        ],
      },
    ],
  };
}

const BUILDERS = [markupEverywhere, dangerousUrls, unicodeTricks, megabyteStrings, tenThousandAttributes, nestedValues, nonFiniteNumbers, absurdTimestamps, duplicateIds, parentCycles, deepChain, worstSpan];

/** Writes every case and manifest.json into `dir`; returns the manifest. */
export function writeHostileCorpus(dir: string): HostileCase[] {
  mkdirSync(dir, { recursive: true });
  const cases: HostileCase[] = [];
  BUILDERS.forEach((build, i) => {
    const built = build(i + 1);
    writeFileSync(join(dir, built.case.file), JSON.stringify(built.json).replace(RAW_NUMBER_JSON, '$1'));
    cases.push(built.case);
  });
  const markup = cases[0] as HostileCase;
  writeFileSync(join(dir, 'markup-everywhere.logs.json'), JSON.stringify(hostileLogs(markup.traceId, markup.probeSpanId)));
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify({ payloads: PAYLOADS, cases, logs: { file: 'markup-everywhere.logs.json', traceId: markup.traceId } }, null, 2)}\n`);
  return cases;
}

export const DEFAULT_CORPUS_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../e2e/fixtures/hostile');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? DEFAULT_CORPUS_DIR);
  const cases = writeHostileCorpus(dir);
  console.log(`wrote ${cases.length} hostile trace files (and a logs file) to ${dir}`);
}
