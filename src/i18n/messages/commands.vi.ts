/**
 * Vietnamese messages of the commands area (see ./commands.en.ts), spread into ./vi.ts. Terms follow
 * docs/glossary.md; test/i18n/catalog.test.ts fails when a key has no Vietnamese text.
 */
import type { commandsEn } from './commands.en.js';

export const commandsVi: Partial<Record<keyof typeof commandsEn, string>> = {};
