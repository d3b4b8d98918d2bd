/**
 * Which clock stamped a span. Clock skew is a property of a machine's clock, so every
 * span one clock stamped moves by the same amount when that clock is judged wrong.
 *
 * The most specific resource attribute that names the machine wins, as in Jaeger's
 * clock-skew adjuster (its hostKey): host.id, then host.ip, then host.name. Without
 * one, a service instance (service.instance.id) stands for its process's clock, and
 * last the service name: all its instances are assumed to share one clock, the best
 * guess when nothing finer is known.
 */
import type { Attribute } from '../model/attributes';
import type { Resource, Span } from '../model/span';

export interface ClockIdentity {
  /** equal for spans stamped by the same clock; namespaced so a host and a service of the same name differ */
  readonly key: string;
  /** for people: "host node-7", "checkout instance 3f2a", "service checkout" */
  readonly label: string;
}

const HOST_KEYS = ['host.id', 'host.ip', 'host.name'] as const;

export function clockOf(span: Span): ClockIdentity {
  return clockOfResource(span.resource, span.service);
}

/** The clock of a resource's spans (`service` is the span's service, already decoded). */
export function clockOfResource(resource: Resource, service: string): ClockIdentity {
  const attributes = resource.attributes;
  for (const key of HOST_KEYS) {
    const host = stringValue(attributes, key);
    if (host !== undefined) return { key: `host\u0000${host}`, label: `host ${host}` };
  }
  const instance = stringValue(attributes, 'service.instance.id');
  if (instance !== undefined) return { key: `instance\u0000${service}\u0000${instance}`, label: `${service} instance ${instance}` };
  return { key: `service\u0000${service}`, label: `service ${service}` };
}

/** A non-empty string attribute; host.ip may be a list of addresses (the first names the host). */
function stringValue(attributes: readonly Attribute[], key: string): string | undefined {
  for (const attribute of attributes) {
    if (attribute.key !== key) continue;
    let value = attribute.value;
    if (value.type === 'array') {
      const first = value.value[0];
      if (first === undefined) return undefined;
      value = first;
    }
    return value.type === 'string' && value.value !== '' ? value.value : undefined;
  }
  return undefined;
}
