import type { OtlpKeyValue } from '../../src/core';
import { str } from './otlp-values';

/**
 * The simulated shop, after the OpenTelemetry demo: each service with the
 * language its SDK reports and two pods, so host and pod names vary per trace.
 */
export interface ServiceInfo {
  readonly name: string;
  readonly version: string;
  readonly language: 'nodejs' | 'go' | 'java' | 'python' | 'dotnet';
  readonly pods: readonly (readonly [pod: string, host: string])[];
}

const service = (name: string, version: string, language: ServiceInfo['language'], podSuffixes: readonly string[], pool = 'gke-shop-pool'): ServiceInfo => ({
  name,
  version,
  language,
  pods: podSuffixes.map((suffix, i) => [`${name}-${suffix}`, `${pool}-${(name.length + i * 3) % 7}`] as const),
});

export const SERVICES = {
  webFrontend: service('web-frontend', '3.4.1', 'nodejs', ['6c9d7f5b8-2xkqp', '6c9d7f5b8-m7zt4']),
  apiGateway: service('api-gateway', '1.19.0', 'go', ['7f8b9c6d4-qw2er', '7f8b9c6d4-hj5kl']),
  auth: service('auth', '2.7.3', 'java', ['5d6f7g8h9-ab1cd', '5d6f7g8h9-ef2gh']),
  order: service('order', '4.2.0', 'java', ['84c5d6e7f-ij3kl', '84c5d6e7f-mn4op']),
  inventory: service('inventory', '1.8.5', 'go', ['9a8b7c6d5-qr5st', '9a8b7c6d5-uv6wx']),
  payment: service('payment', '2.3.1', 'java', ['6e5d4c3b2-yz7ab', '6e5d4c3b2-cd8ef']),
  // alone on its node pool: its nodes' clock is the skewed one (CLOCK_SKEW_NS)
  fraudCheck: service('fraud-check', '0.9.4', 'python', ['7b6a5f4e3-gh9ij', '7b6a5f4e3-kl0mn'], 'gke-shop-ml-pool'),
  notification: service('notification', '1.2.2', 'nodejs', ['5c4b3a2f1-op1qr', '5c4b3a2f1-st2uv']),
  recommendation: service('recommendation', '0.14.0', 'python', ['8d7c6b5a4-wx3yz', '8d7c6b5a4-ab4cd']),
  batchRunner: service('batch-runner', '1.0.7', 'python', ['29182764-nightly-x8k2p']),
} as const satisfies Record<string, ServiceInfo>;

export type ServiceKey = keyof typeof SERVICES;

/**
 * One service's clock runs ahead: every timestamp fraud-check reports (spans,
 * events, logs) is shifted by this much, so its server span starts before the
 * client span that called it, as NTP drift makes happen in real clusters. Skew
 * belongs to a machine's clock, so fraud-check's nodes run no other service.
 */
export const CLOCK_SKEW_NS: Readonly<Partial<Record<string, number>>> = { 'fraud-check': 15_000_000 };

export const DEPLOYMENT_ENVIRONMENT = 'demo';

export function resourceAttributes(info: ServiceInfo, podIndex: number): OtlpKeyValue[] {
  const [pod, host] = info.pods[podIndex % info.pods.length] ?? [info.name, info.name];
  return [
    str('service.name', info.name),
    str('service.namespace', 'shop'),
    str('service.version', info.version),
    str('deployment.environment.name', DEPLOYMENT_ENVIRONMENT),
    str('host.name', host),
    str('k8s.namespace.name', 'shop'),
    str('k8s.pod.name', pod),
    str('telemetry.sdk.name', 'opentelemetry'),
    str('telemetry.sdk.language', info.language),
    str('telemetry.sdk.version', SDK_VERSION[info.language]),
  ];
}

const SDK_VERSION: Readonly<Record<ServiceInfo['language'], string>> = {
  nodejs: '2.1.0',
  go: '1.38.0',
  java: '1.54.1',
  python: '1.37.0',
  dotnet: '1.13.0',
};

/** The infrastructure the services talk to; none of it reports spans of its own. */
export const INFRA = {
  postgres: { host: 'postgres.shop.svc.cluster.local', port: 5432, database: 'shop' },
  redis: { host: 'redis-cart.shop.svc.cluster.local', port: 6379 },
  kafka: { host: 'kafka.shop.svc.cluster.local', port: 9092, topic: 'orders' },
  bank: { host: 'api.examplebank.test', port: 443 },
  mailer: { host: 'api.mailer.test', port: 443 },
} as const;
