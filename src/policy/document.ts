/** Policy text -> normalised PolicyDocument, with line/column on every error. */
import { normaliseDocument, ShapeError } from './normalise.js';
import { parseJsonText, PolicyParseError, positionOf, valueOf } from './parse.js';
import type { PolicyDocument } from './types.js';

/** Parses and normalises policy text; throws PolicyParseError (with line/column) when invalid. */
export function parsePolicy(text: string): PolicyDocument {
  const ast = parseJsonText(text);
  try {
    return normaliseDocument(valueOf(ast));
  } catch (err) {
    if (err instanceof ShapeError) {
      const pos = positionOf(ast, err.path);
      throw new PolicyParseError(
        err.message,
        err.code,
        pos.line,
        pos.column,
        err.path,
        err.suggestion,
      );
    }
    throw err;
  }
}
