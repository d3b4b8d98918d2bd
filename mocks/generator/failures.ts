import type { Failure } from './trace-builder';

/**
 * What goes wrong where, written as each service's runtime would report it
 * (type names, messages and stack traces in the language of the service).
 */
const FAILURES: Readonly<Record<string, Failure>> = {
  'auth.db': {
    type: 'org.postgresql.util.PSQLException',
    message: 'ERROR: canceling statement due to statement timeout',
    stacktrace: javaStack('org.postgresql.util.PSQLException: ERROR: canceling statement due to statement timeout', [
      'org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)',
      'org.postgresql.jdbc.PgPreparedStatement.executeQuery(PgPreparedStatement.java:134)',
      'com.shop.auth.UserRepository.findByEmail(UserRepository.java:58)',
      'com.shop.auth.LoginController.login(LoginController.java:41)',
    ]),
  },
  'auth.redis': {
    type: 'io.lettuce.core.RedisCommandTimeoutException',
    message: 'Command timed out after 1 second(s)',
    stacktrace: javaStack('io.lettuce.core.RedisCommandTimeoutException: Command timed out after 1 second(s)', [
      'io.lettuce.core.internal.ExceptionFactory.createTimeoutException(ExceptionFactory.java:59)',
      'io.lettuce.core.internal.Futures.awaitOrCancel(Futures.java:246)',
      'com.shop.auth.SessionStore.get(SessionStore.java:37)',
    ]),
  },
  'order.db': {
    type: 'org.postgresql.util.PSQLException',
    message: 'ERROR: deadlock detected',
    stacktrace: javaStack('org.postgresql.util.PSQLException: ERROR: deadlock detected\n  Detail: Process 4711 waits for ShareLock on transaction 982211; blocked by process 4698.', [
      'org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)',
      'org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:517)',
      'com.shop.order.OrderRepository.insert(OrderRepository.java:112)',
      'com.shop.order.OrderService.placeOrder(OrderService.java:87)',
    ]),
  },
  'order.redis': {
    type: 'io.lettuce.core.RedisConnectionException',
    message: 'Unable to connect to redis-cart.shop.svc.cluster.local/10.4.2.17:6379',
    stacktrace: javaStack('io.lettuce.core.RedisConnectionException: Unable to connect to redis-cart.shop.svc.cluster.local/10.4.2.17:6379', [
      'io.lettuce.core.RedisConnectionException.create(RedisConnectionException.java:78)',
      'io.lettuce.core.AbstractRedisClient.getConnection(AbstractRedisClient.java:350)',
      'com.shop.order.CartStore.add(CartStore.java:29)',
    ]),
  },
  'inventory.db': {
    type: '*pgconn.PgError',
    message: 'ERROR: could not serialize access due to concurrent update (SQLSTATE 40001)',
    stacktrace: [
      'goroutine 4182 [running]:',
      'github.com/shop/inventory/internal/store.(*Store).Reserve(0xc0001a2000, {0x1a3c2e0, 0xc000412a80}, {0xc0003b6f30, 0x8}, 0x2)',
      '\t/src/internal/store/stock.go:88 +0x2b4',
      'github.com/shop/inventory/internal/server.(*InventoryServer).ReserveStock(0xc00012e1e0, {0x1a3c2e0, 0xc000412a80}, 0xc00038c2d0)',
      '\t/src/internal/server/inventory.go:64 +0x1a5',
    ].join('\n'),
  },
  'payment.bank': {
    type: 'java.net.SocketTimeoutException',
    message: 'Read timed out after 3000 ms calling api.examplebank.test',
    stacktrace: javaStack('java.net.SocketTimeoutException: Read timed out', [
      'java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)',
      'okhttp3.internal.http1.Http1ExchangeCodec.readResponseHeaders(Http1ExchangeCodec.kt:180)',
      'com.shop.payment.BankClient.charge(BankClient.java:73)',
      'com.shop.payment.PaymentService.charge(PaymentService.java:55)',
    ]),
  },
  'fraud-check.model': {
    type: 'ValueError',
    message: 'feature vector has 41 columns, model expects 42',
    stacktrace: [
      'Traceback (most recent call last):',
      '  File "/app/fraud/api.py", line 57, in score',
      '    risk = model.predict(features)',
      '  File "/app/fraud/model.py", line 112, in predict',
      '    raise ValueError(f"feature vector has {len(x)} columns, model expects {self.width}")',
      'ValueError: feature vector has 41 columns, model expects 42',
    ].join('\n'),
  },
  'recommendation.model': {
    type: 'RuntimeError',
    message: 'embedding index not loaded',
    stacktrace: [
      'Traceback (most recent call last):',
      '  File "/app/recommend/service.py", line 88, in ListRecommendations',
      '    ids = self.index.nearest(product_id, k=5)',
      '  File "/app/recommend/index.py", line 31, in nearest',
      '    raise RuntimeError("embedding index not loaded")',
      'RuntimeError: embedding index not loaded',
    ].join('\n'),
  },
  'notification.mailer': {
    type: 'Error',
    message: 'connect ECONNREFUSED api.mailer.test:443',
    stacktrace: [
      'Error: connect ECONNREFUSED api.mailer.test:443',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
      '    at async Mailer.send (/app/dist/mailer.js:44:17)',
      '    at async OrderPlacedHandler.handle (/app/dist/handlers/order-placed.js:23:5)',
    ].join('\n'),
  },
};

export const FAIL_SITES = Object.keys(FAILURES);

export function failureAt(site: string): Failure {
  return FAILURES[site] ?? { type: 'Error', message: `failure at ${site}`, stacktrace: `Error: failure at ${site}` };
}

/** The failure a caller sees when a downstream HTTP call answers 5xx. */
export function httpFailure(callee: string, status: number): Failure {
  return { type: 'HttpError', message: `${callee} responded ${status}`, stacktrace: `HttpError: ${callee} responded ${status}` };
}

export function grpcFailure(method: string, code: 'Internal' | 'Unavailable'): Failure {
  const message = `rpc error: code = ${code} desc = ${method} failed`;
  return { type: 'StatusRuntimeException', message, stacktrace: message };
}

function javaStack(head: string, frames: readonly string[]): string {
  return [head, ...frames.map((frame) => `\tat ${frame}`)].join('\n');
}
