/** Policy text -> normalised PolicyDocument, with line/column on every error. */
import type { DocumentNode } from '@humanwhocodes/momoa';
import { normaliseDocument, ShapeError } from './normalise.js';
import { parseJsonText, PolicyParseError, positionOf, valueOf, type Position } from './parse.js';
import type { PolicyDocument } from './types.js';

/** Parses and normalises policy text; throws PolicyParseError (with line/column) when invalid. */
export function parsePolicy(text: string): PolicyDocument {
  return normaliseAt(parseJsonText(text));
}

/** Normalises a parsed document; a shape error becomes a PolicyParseError at its position. */
function normaliseAt(ast: DocumentNode): PolicyDocument {
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

export interface PositionedPolicy {
  document: PolicyDocument;
  /** 1-based line/column of the element at a JSON path such as `Statement[0].Action[2]` */
  positionOf(path: string): Position;
}

/** Like parsePolicy, and also tells where each element is in the text (for highlighting). */
export function parsePolicyWithPositions(text: string): PositionedPolicy {
  const ast = parseJsonText(text);
  const document = normaliseAt(ast);
  return { document, positionOf: (path) => positionOf(ast, path) };
}
