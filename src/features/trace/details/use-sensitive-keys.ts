import { useContext } from 'react';
import { DEFAULT_SENSITIVE_KEYS, sensitiveKeyMatcher } from '../../../core';
import { ConfigContext } from '../../../state/data-source-context';

const defaultMatcher = sensitiveKeyMatcher(DEFAULT_SENSITIVE_KEYS);
const matchers = new WeakMap<readonly string[], (key: string) => boolean>();

/**
 * "Is this attribute key sensitive?" under the config's `sensitiveKeys` (core's
 * default list when the config names none). One matcher per list, shared by every
 * table, so its answers are remembered across spans.
 */
export function useSensitiveKey(): (key: string) => boolean {
  const keys = useContext(ConfigContext).sensitiveKeys;
  if (keys === undefined) return defaultMatcher;
  let matcher = matchers.get(keys);
  if (!matcher) {
    matcher = sensitiveKeyMatcher(keys);
    matchers.set(keys, matcher);
  }
  return matcher;
}
