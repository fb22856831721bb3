/** `{{name}}` substitution for lesson text and check parameters. */

const PATTERN = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** Replaces every {{name}} with vars[name]; unknown names render as `missing(name)`. */
export function renderTemplate(
  text: string,
  vars: Readonly<Record<string, string>>,
  missing: (name: string) => string = (n) => `<${n}>`,
): string {
  return text.replace(PATTERN, (_m, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? vars[name]! : missing(name),
  );
}

/** Renders strings anywhere inside a JSON-like value (check parameters). Unknown names become ''. */
export function renderValue(value: unknown, vars: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') return renderTemplate(value, vars, () => '');
  if (Array.isArray(value)) return value.map((v) => renderValue(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, renderValue(v, vars)]),
    );
  }
  return value;
}

/** The names a template refers to. */
export function templateNames(text: string): string[] {
  return [...text.matchAll(PATTERN)].map((m) => m[1]!);
}

/** Each {{name}} of a text with the (1-based) line it is on. */
export function templateUses(text: string): Array<{ name: string; line: number }> {
  return [...text.matchAll(PATTERN)].map((m) => ({
    name: m[1]!,
    line: text.slice(0, m.index).split('\n').length,
  }));
}
