/**
 * Vietnamese messages of the policy area (see ./policy.en.ts), spread into ./vi.ts. Terms follow
 * docs/glossary.md; test/i18n/catalog.test.ts fails when a key has no Vietnamese text.
 */
import type { policyEn } from './policy.en.js';

export const policyVi: Partial<Record<keyof typeof policyEn, string>> = {};
