import { dbQuery, externalCall, grpcCall, httpCall, internal, manualScope, parallel, redis, sequence } from './calls';
import { int, kvlist, str, text } from './otlp-values';
import { INFRA, SERVICES as S } from './services';
import { KIND, type Outcome, type SpanRecord, type TraceBuilder } from './trace-builder';

/**
 * The shop's request types. Each runs one simulated request through the
 * services and lists the places it can fail (failures.ts), so a trace planned
 * to fail always reaches its failure site.
 */
export interface Scenario {
  readonly name: string;
  readonly weight: number;
  readonly failSites: readonly string[];
  readonly run: (b: TraceBuilder, at: number) => void;
}

const PRODUCTS = ['OLJCESPC7Z', '66VCHSJNUP', '1YMWWN1N4O', 'L9ECAV7KIM', '2ZYFJ3GM2N', '0PUK6V6EV0', 'LS4PSXUNUM', '9SIQT8TOJO', '6E92ZMYYFZ', 'HQTGWGPNH4'];
const SEARCH_TERMS = ['telescope', 'lens cleaner', 'star chart', 'binoculars', 'tripod', 'solar filter', 'red flashlight'];
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
];

/** The browser's request to web-frontend: the root SERVER span of every shop trace. */
function frontendRequest(b: TraceBuilder, at: number, method: string, route: string, path: string, handle: (root: SpanRecord, t: number) => Outcome): void {
  const root = b.start(undefined, S.webFrontend, `${method} ${route}`, KIND.server, at, {
    scope: '@opentelemetry/instrumentation-http',
    attributes: [
      str('http.request.method', method),
      str('url.path', path.split('?')[0] ?? path),
      ...(path.includes('?') ? [str('url.query', path.slice(path.indexOf('?') + 1))] : []),
      str('url.scheme', 'https'),
      str('http.route', route),
      str('server.address', 'shop.example.test'),
      int('server.port', 443),
      str('client.address', `203.0.113.${b.rng.int(2, 250)}`),
      str('user_agent.original', b.rng.pick(BROWSERS)),
      str('network.protocol.version', '2'),
    ],
  });
  b.log(root, at, 'INFO', text(`${method} ${path}`));
  const inner = handle(root, at + b.ms(0.3));
  const end = inner.end + b.ms(0.4);
  const status = inner.failure ? 500 : 200;
  root.attributes.push(int('http.response.status_code', status));
  if (inner.failure) {
    root.attributes.push(str('error.type', '500'));
    b.log(root, end, 'ERROR', kvlist([str('msg', 'request failed'), str('route', route), int('status', status), str('error', inner.failure.message)]));
  }
  b.finish(root, end, inner.failure);
  for (const task of b.afterResponse) task(end);
}

/** web-frontend → api-gateway: the gateway answers 502 when a service behind it fails. */
function viaGateway(b: TraceBuilder, root: SpanRecord, at: number, method: string, route: string, path: string, handle: (gw: SpanRecord, t: number) => Outcome): Outcome {
  return httpCall(b, root, at, { from: S.webFrontend, to: S.apiGateway, method, route, path, failStatus: 502 }, handle);
}

function validateSession(b: TraceBuilder, gw: SpanRecord, at: number, user: string): Outcome {
  return httpCall(b, gw, at, { from: S.apiGateway, to: S.auth, method: 'GET', route: '/v1/sessions/validate', path: '/v1/sessions/validate' }, (server, t) =>
    redis(b, server, t, S.auth, 'GET', `session:${user}`, 'auth.redis'),
  );
}

function render(b: TraceBuilder, root: SpanRecord, at: number, page: string): Outcome {
  return internal(b, root, at, S.webFrontend, `render ${page}`, 4, [str('template', page)]);
}

function getProduct(b: TraceBuilder, parent: SpanRecord, at: number, from: typeof S.apiGateway | typeof S.recommendation, product: string, site?: string): Outcome {
  return grpcCall(b, parent, at, { from, to: S.inventory, service: 'shop.inventory.v1.InventoryService', method: 'GetProduct' }, (server, t) => {
    const cached = redis(b, server, t, S.inventory, 'GET', `product:${product}`);
    if (b.rng.chance(0.7)) return cached;
    return sequence(cached.end, [
      (u) => dbQuery(b, server, u, S.inventory, { operation: 'SELECT', table: 'products', text: 'SELECT id, name, description, price_cents, currency FROM products WHERE id = $1', medianMs: 2.5, rows: 1, ...(site ? { site } : {}) }),
      (u) => redis(b, server, u, S.inventory, 'SET', `product:${product}`),
    ]);
  });
}

function recommendations(b: TraceBuilder, gw: SpanRecord, at: number, product: string): Outcome {
  return grpcCall(b, gw, at, { from: S.apiGateway, to: S.recommendation, service: 'shop.recommendation.v1.RecommendationService', method: 'ListRecommendations' }, (server, t) =>
    sequence(t, [
      (u) => internal(b, server, u, S.recommendation, 'rank candidates', 9, [str('product.id', product), int('candidates', 40)], 'recommendation.model'),
      (u) => parallel(b, u, Array.from({ length: b.rng.int(2, 4) }, () => (v: number) => getProduct(b, server, v, S.recommendation, b.rng.pick(PRODUCTS)))),
    ]),
  );
}

const browse: Scenario = {
  name: 'browse products',
  weight: 24,
  failSites: ['recommendation.model', 'inventory.db'],
  run: (b, at) => {
    const page = b.rng.int(1, 5);
    frontendRequest(b, at, 'GET', '/products', `/products?page=${page}`, (root, t) =>
      sequence(t, [
        (u) => viaGateway(b, root, u, 'GET', '/api/v1/products', `/api/v1/products?page=${page}`, (gw, v) =>
          parallel(b, v, [
            (w) => grpcCall(b, gw, w, { from: S.apiGateway, to: S.inventory, service: 'shop.inventory.v1.InventoryService', method: 'ListProducts' }, (server, x) => {
              const cached = redis(b, server, x, S.inventory, 'GET', `products:page:${page}`);
              // a cache miss must reach the database, so a trace planned to fail there misses the cache
              const miss = b.rng.chance(0.35) || isPlanned(b, 'inventory.db');
              if (!miss) return cached;
              return sequence(cached.end, [
                (y) => dbQuery(b, server, y, S.inventory, { operation: 'SELECT', table: 'products', text: 'SELECT id, name, price_cents FROM products ORDER BY popularity DESC LIMIT 20 OFFSET $1', medianMs: 6, rows: 20, site: 'inventory.db' }),
                (y) => redis(b, server, y, S.inventory, 'SET', `products:page:${page}`),
              ]);
            }),
            (w) => recommendations(b, gw, w, b.rng.pick(PRODUCTS)),
          ]),
        ),
        (u) => render(b, root, u, 'product-list'),
      ]),
    );
  },
};

/** Whether this trace is planned to fail at `site` (without spending the failure). */
function isPlanned(b: TraceBuilder, site: string): boolean {
  return b.plannedFailSite === site;
}

const viewProduct: Scenario = {
  name: 'view product',
  weight: 24,
  failSites: ['inventory.db', 'recommendation.model'],
  run: (b, at) => {
    const product = b.rng.pick(PRODUCTS);
    frontendRequest(b, at, 'GET', '/product/{id}', `/product/${product}`, (root, t) =>
      sequence(t, [
        (u) => viaGateway(b, root, u, 'GET', '/api/v1/products/{id}', `/api/v1/products/${product}`, (gw, v) =>
          parallel(b, v, [
            (w) => getProduct(b, gw, w, S.apiGateway, product),
            (w) => grpcCall(b, gw, w, { from: S.apiGateway, to: S.inventory, service: 'shop.inventory.v1.InventoryService', method: 'GetStock' }, (server, x) =>
              dbQuery(b, server, x, S.inventory, { operation: 'SELECT', table: 'stock', text: 'SELECT warehouse_id, quantity FROM stock WHERE product_id = $1', medianMs: 1.8, rows: 3, site: 'inventory.db' }),
            ),
            (w) => recommendations(b, gw, w, product),
          ]),
        ),
        (u) => render(b, root, u, 'product'),
      ]),
    );
  },
};

const search: Scenario = {
  name: 'search',
  weight: 12,
  failSites: ['inventory.db'],
  run: (b, at) => {
    const term = b.rng.pick(SEARCH_TERMS);
    const query = `q=${encodeURIComponent(term)}`;
    frontendRequest(b, at, 'GET', '/search', `/search?${query}`, (root, t) =>
      sequence(t, [
        (u) => viaGateway(b, root, u, 'GET', '/api/v1/search', `/api/v1/search?${query}`, (gw, v) =>
          grpcCall(b, gw, v, { from: S.apiGateway, to: S.inventory, service: 'shop.inventory.v1.InventoryService', method: 'SearchProducts' }, (server, w) =>
            sequence(w, [
              (x) => dbQuery(b, server, x, S.inventory, { operation: 'SELECT', table: 'products', text: "SELECT id, name, ts_rank(search, q) AS rank FROM products, plainto_tsquery($1) q WHERE search @@ q ORDER BY rank DESC LIMIT 50", medianMs: 22, rows: b.rng.int(0, 50), site: 'inventory.db' }),
              (x) => internal(b, server, x, S.inventory, 'rank results', 1.5, [str('search.term', term)]),
            ]),
          ),
        ),
        (u) => render(b, root, u, 'search-results'),
      ]),
    );
  },
};

const login: Scenario = {
  name: 'login',
  weight: 8,
  failSites: ['auth.db', 'auth.redis'],
  run: (b, at) => {
    const user = `u-${b.rng.int(1000, 9999)}`;
    frontendRequest(b, at, 'POST', '/login', '/login', (root, t) =>
      viaGateway(b, root, t, 'POST', '/api/v1/login', '/api/v1/login', (gw, u) =>
        httpCall(b, gw, u, { from: S.apiGateway, to: S.auth, method: 'POST', route: '/v1/login', path: '/v1/login' }, (server, v) =>
          sequence(v, [
            (w) => dbQuery(b, server, w, S.auth, { operation: 'SELECT', table: 'users', text: 'SELECT id, password_hash, locked FROM users WHERE email = $1', medianMs: 1.6, rows: 1, site: 'auth.db' }),
            (w) => internal(b, server, w, S.auth, 'verify password', 45, [str('auth.hash.algorithm', 'bcrypt'), int('auth.hash.cost', 12)]),
            (w) => redis(b, server, w, S.auth, 'SET', `session:${user}`, 'auth.redis'),
            (w) => dbQuery(b, server, w, S.auth, { operation: 'INSERT', table: 'login_events', text: 'INSERT INTO login_events (user_id, at, ip) VALUES ($1, now(), $2)', medianMs: 1.2 }),
          ]),
        ),
      ),
    );
  },
};

const addToCart: Scenario = {
  name: 'add to cart',
  weight: 12,
  failSites: ['auth.redis', 'inventory.db', 'order.redis'],
  run: (b, at) => {
    const user = `u-${b.rng.int(1000, 9999)}`;
    const product = b.rng.pick(PRODUCTS);
    frontendRequest(b, at, 'POST', '/cart', '/cart', (root, t) =>
      viaGateway(b, root, t, 'POST', '/api/v1/cart/items', '/api/v1/cart/items', (gw, u) =>
        sequence(u, [
          (v) => validateSession(b, gw, v, user),
          (v) => grpcCall(b, gw, v, { from: S.apiGateway, to: S.order, service: 'shop.order.v1.CartService', method: 'AddItem' }, (server, w) => {
            server.attributes.push(str('product.id', product), str('user.id', user));
            return sequence(w, [
              (x) => grpcCall(b, server, x, { from: S.order, to: S.inventory, service: 'shop.inventory.v1.InventoryService', method: 'CheckStock' }, (inv, y) =>
                dbQuery(b, inv, y, S.inventory, { operation: 'SELECT', table: 'stock', text: 'SELECT sum(quantity - reserved) FROM stock WHERE product_id = $1', medianMs: 1.5, rows: 1, site: 'inventory.db' }),
              ),
              (x) => redis(b, server, x, S.order, 'HSET', `cart:${user}`, 'order.redis'),
            ]);
          }),
        ]),
      ),
    );
  },
};

const checkout: Scenario = {
  name: 'checkout',
  weight: 8,
  failSites: ['payment.bank', 'fraud-check.model', 'inventory.db', 'order.db', 'order.redis', 'notification.mailer'],
  run: (b, at) => {
    const user = `u-${b.rng.int(1000, 9999)}`;
    const orderId = `ord-${b.rng.hex(10)}`;
    const items = Array.from({ length: b.rng.int(1, 6) }, () => b.rng.pick(PRODUCTS));
    const amountCents = items.length * b.rng.int(900, 25_000);
    frontendRequest(b, at, 'POST', '/checkout', '/checkout', (root, t) =>
      sequence(t, [
        (u) => viaGateway(b, root, u, 'POST', '/api/v1/checkout', '/api/v1/checkout', (gw, v) =>
          sequence(v, [
            (w) => validateSession(b, gw, w, user),
            (w) => grpcCall(b, gw, w, { from: S.apiGateway, to: S.order, service: 'shop.order.v1.OrderService', method: 'PlaceOrder' }, (server, x) => {
              server.attributes.push(str('order.id', orderId), int('order.items', items.length));
              b.log(server, x, 'INFO', kvlist([str('msg', 'placing order'), str('order.id', orderId), str('user.id', user), int('items', items.length)]), [str('order.id', orderId)]);
              return sequence(x, [
                (y) => redis(b, server, y, S.order, 'HGETALL', `cart:${user}`, 'order.redis'),
                (y) => parallel(b, y, items.map((product) => (z: number) =>
                  grpcCall(b, server, z, { from: S.order, to: S.inventory, service: 'shop.inventory.v1.InventoryService', method: 'ReserveStock' }, (inv, q) =>
                    dbQuery(b, inv, q, S.inventory, { operation: 'UPDATE', table: 'stock', text: `UPDATE stock SET reserved = reserved + $1 WHERE product_id = '${product}' AND quantity - reserved >= $1`, medianMs: 2.2, rows: 1, site: 'inventory.db' }),
                  ),
                )),
                (y) => charge(b, server, y, orderId, amountCents),
                (y) => saveOrder(b, server, y, orderId, items.length),
                (y) => publishOrderPlaced(b, server, y, orderId, user),
              ]);
            }),
          ]),
        ),
        (u) => render(b, root, u, 'order-confirmation'),
      ]),
    );
  },
};

function charge(b: TraceBuilder, order: SpanRecord, at: number, orderId: string, amountCents: number): Outcome {
  return grpcCall(b, order, at, { from: S.order, to: S.payment, service: 'shop.payment.v1.PaymentService', method: 'Charge' }, (server, t) => {
    server.attributes.push(str('order.id', orderId), int('payment.amount_cents', amountCents), str('payment.currency', 'EUR'));
    return sequence(t, [
      (u) => httpCall(b, server, u, { from: S.payment, to: S.fraudCheck, method: 'POST', route: '/v1/score', path: '/v1/score', port: 8000 }, (fraud, v) =>
        sequence(v, [
          (w) => dbQuery(b, fraud, w, S.fraudCheck, { operation: 'SELECT', table: 'transactions', text: 'SELECT amount_cents, country, created_at FROM transactions WHERE card_fingerprint = %s ORDER BY created_at DESC LIMIT 100', medianMs: 4, rows: 100 }),
          (w) => internal(b, fraud, w, S.fraudCheck, 'score transaction', 12, [str('fraud.model.version', '2024-05-r3')], 'fraud-check.model'),
        ]),
      ),
      (u) => externalCall(b, server, u, S.payment, { method: 'POST', host: INFRA.bank.host, path: '/v2/charges', route: '/v2/charges', medianMs: 180, site: 'payment.bank', attributes: [str('peer.service', 'examplebank')] }),
      (u) => dbQuery(b, server, u, S.payment, { operation: 'INSERT', table: 'payments', text: 'INSERT INTO payments (order_id, amount_cents, currency, bank_ref) VALUES (?, ?, ?, ?)', medianMs: 1.4 }),
    ]);
  });
}

/** The order and its items in one transaction; a failed insert rolls back. */
function saveOrder(b: TraceBuilder, order: SpanRecord, at: number, orderId: string, itemCount: number): Outcome {
  const q = (operation: string, table: string, sql: string, medianMs: number, site?: string) => (t: number) =>
    dbQuery(b, order, t, S.order, { operation, table, text: sql, medianMs, ...(site ? { site } : {}) });
  const inserted = sequence(at, [
    q('BEGIN', 'orders', 'BEGIN', 0.3),
    q('INSERT', 'orders', 'INSERT INTO orders (id, user_id, status, total_cents) VALUES (?, ?, ?, ?)', 1.5, 'order.db'),
    ...Array.from({ length: itemCount }, () => q('INSERT', 'order_items', 'INSERT INTO order_items (order_id, product_id, quantity, price_cents) VALUES (?, ?, ?, ?)', 0.9)),
    q('COMMIT', 'orders', 'COMMIT', 1.1),
  ]);
  if (!inserted.failure) {
    b.log(order, inserted.end, 'INFO', text(`order ${orderId} saved`), [str('order.id', orderId)]);
    return inserted;
  }
  const rolledBack = q('ROLLBACK', 'orders', 'ROLLBACK', 0.4)(inserted.end);
  return { end: rolledBack.end, failure: inserted.failure };
}

/** Kafka: the PRODUCER span here; the CONSUMER span in notification runs after the response, parented to and linked to it. */
function publishOrderPlaced(b: TraceBuilder, order: SpanRecord, at: number, orderId: string, user: string): Outcome {
  const messaging = [str('messaging.system', 'kafka'), str('messaging.destination.name', INFRA.kafka.topic)];
  const partition = String(b.rng.int(0, 5));
  const producer = b.start(order, S.order, `send ${INFRA.kafka.topic}`, KIND.producer, at, {
    scope: 'io.opentelemetry.kafka-clients-2.6',
    attributes: [
      ...messaging,
      str('messaging.operation.type', 'send'),
      str('messaging.operation.name', 'send'),
      str('messaging.kafka.message.key', orderId),
      str('messaging.destination.partition.id', partition),
      str('server.address', INFRA.kafka.host),
      int('server.port', INFRA.kafka.port),
    ],
  });
  const end = at + b.ms(1.2);
  b.log(producer, end, 'DEBUG', text(`published OrderPlaced ${orderId}`));
  b.finish(producer, end);
  b.afterResponse.push((rootEnd) => {
    const start = Math.max(rootEnd, end) + b.ms(40, 0.8);
    const consumer = b.start(producer, S.notification, `process ${INFRA.kafka.topic}`, KIND.consumer, start, {
      scope: '@opentelemetry/instrumentation-kafkajs',
      late: true,
      attributes: [
        ...messaging,
        str('messaging.operation.type', 'process'),
        str('messaging.operation.name', 'process'),
        str('messaging.consumer.group.name', 'notification'),
        str('messaging.destination.partition.id', partition),
        int('messaging.kafka.offset', b.rng.int(100_000, 999_999)),
        str('messaging.kafka.message.key', orderId),
      ],
      links: [{ traceId: b.traceId, spanId: producer.spanId, attributes: [str('messaging.operation.type', 'send')] }],
    });
    b.log(consumer, start, 'INFO', kvlist([str('msg', 'order confirmation queued'), str('order.id', orderId)]), [str('order.id', orderId)]);
    const done = sequence(start + b.ms(0.2), [
      (t) => dbQuery(b, consumer, t, S.notification, { operation: 'SELECT', table: 'users', text: 'SELECT email, locale FROM users WHERE id = $1', medianMs: 1.3, rows: 1 }),
      (t) => internal(b, consumer, t, S.notification, 'render order-confirmation email', 6, [str('template', 'order-confirmation'), str('user.id', user)]),
      (t) => externalCall(b, consumer, t, S.notification, { method: 'POST', host: INFRA.mailer.host, path: '/v3/mail/send', route: '/v3/mail/send', medianMs: 90, site: 'notification.mailer' }),
    ]);
    b.finish(consumer, done.end + b.ms(0.2), done.failure);
  });
  return { end };
}

const orderHistory: Scenario = {
  name: 'order history',
  weight: 6,
  failSites: ['auth.redis', 'order.db'],
  run: (b, at) => {
    const user = `u-${b.rng.int(1000, 9999)}`;
    // the N+1 query pattern: most users have a few orders, a few have hundreds (the large traces)
    const orders = b.rng.weighted<[number, number]>([[[2, 10], 70], [[10, 40], 25], [[60, 250], 5]]);
    const count = b.rng.int(orders[0], orders[1]);
    frontendRequest(b, at, 'GET', '/account/orders', '/account/orders', (root, t) =>
      sequence(t, [
        (u) => viaGateway(b, root, u, 'GET', '/api/v1/orders', '/api/v1/orders', (gw, v) =>
          sequence(v, [
            (w) => validateSession(b, gw, w, user),
            (w) => grpcCall(b, gw, w, { from: S.apiGateway, to: S.order, service: 'shop.order.v1.OrderService', method: 'ListOrders' }, (server, x) =>
              sequence(x, [
                (y) => dbQuery(b, server, y, S.order, { operation: 'SELECT', table: 'orders', text: 'SELECT id, status, total_cents, created_at FROM orders WHERE user_id = ? ORDER BY created_at DESC', medianMs: 2, rows: count, site: 'order.db' }),
                ...Array.from({ length: count }, () => (y: number) =>
                  dbQuery(b, server, y, S.order, { operation: 'SELECT', table: 'order_items', text: 'SELECT product_id, quantity, price_cents FROM order_items WHERE order_id = ?', medianMs: 0.7, rows: 2 }),
                ),
              ]),
            ),
          ]),
        ),
        (u) => render(b, root, u, 'order-history'),
      ]),
    );
  },
};

/** A static asset served by web-frontend alone: the one-span traces. */
const staticAsset: Scenario = {
  name: 'static asset',
  weight: 6,
  failSites: [],
  run: (b, at) => {
    const asset = b.rng.pick(['app.3f9a1c.js', 'app.3f9a1c.css', 'logo.svg', 'fonts/inter.woff2']);
    frontendRequest(b, at, 'GET', '/static/*', `/static/${asset}`, (_root, t) => ({ end: t + b.ms(0.6) }));
  },
};

export const SCENARIOS: readonly Scenario[] = [browse, viewProduct, search, login, addToCart, checkout, orderHistory, staticAsset];

/**
 * The nightly batch job: batch-runner reconciles every SKU with inventory,
 * 4 workers × 50 chunks × 33 items → about 5,000 spans in one trace.
 */
export function runNightlyBatch(b: TraceBuilder, at: number): void {
  const chunks = 50;
  const itemsPerChunk = 33;
  const workers = 4;
  const root = b.start(undefined, S.batchRunner, 'nightly-inventory-reconcile', KIND.internal, at, {
    scope: manualScope(S.batchRunner),
    attributes: [str('job.name', 'nightly-inventory-reconcile'), int('job.chunks', chunks), int('job.items', chunks * itemsPerChunk), str('job.schedule', '0 2 * * *')],
  });
  b.log(root, at, 'INFO', kvlist([str('msg', 'job started'), int('chunks', chunks), int('workers', workers)]));
  let end = at;
  for (let worker = 0; worker < workers; worker++) {
    let t = at + b.ms(2);
    for (let chunk = worker; chunk < chunks; chunk += workers) {
      const span = b.start(root, S.batchRunner, 'reconcile chunk', KIND.internal, t, {
        scope: manualScope(S.batchRunner),
        attributes: [int('job.chunk.index', chunk), int('job.worker', worker)],
      });
      let u = dbQuery(b, span, t + b.ms(0.1), S.batchRunner, { operation: 'SELECT', table: 'skus', text: 'SELECT sku, expected_quantity FROM skus WHERE chunk = %s', medianMs: 3, rows: itemsPerChunk }).end;
      for (let item = 0; item < itemsPerChunk; item++) {
        u = grpcCall(b, span, u, { from: S.batchRunner, to: S.inventory, service: 'shop.inventory.v1.InventoryService', method: 'ReconcileStock' }, (server, v) =>
          dbQuery(b, server, v, S.inventory, { operation: 'UPDATE', table: 'stock', text: 'UPDATE stock SET quantity = $1, reconciled_at = now() WHERE sku = $2', medianMs: 1.1, rows: 1 }),
        ).end;
      }
      b.log(span, u, 'INFO', text(`chunk ${chunk} reconciled: ${itemsPerChunk} items`));
      b.finish(span, u);
      t = u + b.ms(0.5);
    }
    end = Math.max(end, t);
  }
  b.log(root, end, 'INFO', kvlist([str('msg', 'job finished'), int('items', chunks * itemsPerChunk)]));
  b.finish(root, end + b.ms(1));
}
