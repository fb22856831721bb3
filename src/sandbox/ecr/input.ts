/**
 * Reading awsJson1_1 input the way ECR does: a wrong JSON type is a SerializationException,
 * a missing required member or a broken constraint an InvalidParameterException/ValidationException.
 */
import { AwsError, validationError } from '../protocols/errors.js';

type Input = Record<string, unknown>;

function typeError(name: string, expected: string): AwsError {
  return new AwsError('SerializationException', `Value for '${name}' must be ${expected}.`);
}

function missing(name: string): AwsError {
  return validationError([
    `Value null at '${name}' failed to satisfy constraint: Member must not be null`,
  ]);
}

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** the pattern as AWS prints it */
  patternText?: string;
}

export function optString(input: Input, name: string, rule: StringRule = {}): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw typeError(name, 'a string');
  if (rule.min !== undefined && v.length < rule.min) {
    throw validationError([
      `Value '${v}' at '${name}' failed to satisfy constraint: Member must have length greater than or equal to ${rule.min}`,
    ]);
  }
  if (rule.max !== undefined && v.length > rule.max) {
    throw validationError([
      `Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`,
    ]);
  }
  if (rule.pattern && !rule.pattern.test(v)) {
    throw validationError([
      `Value '${v}' at '${name}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`,
    ]);
  }
  return v;
}

export function reqString(input: Input, name: string, rule: StringRule = {}): string {
  const v = optString(input, name, rule);
  if (v === undefined) throw missing(name);
  return v;
}

export function optNumber(input: Input, name: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw typeError(name, 'a number');
  return v;
}

export function reqNumber(input: Input, name: string): number {
  const v = optNumber(input, name);
  if (v === undefined) throw missing(name);
  return v;
}

export function optBoolean(input: Input, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw typeError(name, 'a boolean');
  return v;
}

export function optArray(input: Input, name: string): unknown[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw typeError(name, 'a list');
  return v;
}

export function reqArray(input: Input, name: string, min = 1, max = Infinity): unknown[] {
  const v = optArray(input, name);
  if (v === undefined) throw missing(name);
  if (v.length < min) {
    throw validationError([
      `Value '[]' at '${name}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`,
    ]);
  }
  if (v.length > max) {
    throw validationError([
      `Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    ]);
  }
  return v;
}

export function stringList(
  input: Input,
  name: string,
  required: boolean,
  min = 1,
  max = Infinity,
): string[] | undefined {
  const v = required ? reqArray(input, name, min, max) : optArray(input, name);
  if (v === undefined) return undefined;
  for (const s of v) if (typeof s !== 'string') throw typeError(`${name}.member`, 'a string');
  return v as string[];
}

export function optObject(input: Input, name: string): Input | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(name, 'a structure');
  return v as Input;
}

export function objectList(
  input: Input,
  name: string,
  required: boolean,
  min = 1,
  max = Infinity,
): Input[] | undefined {
  const v = required ? reqArray(input, name, min, max) : optArray(input, name);
  if (v === undefined) return undefined;
  for (const o of v)
    if (!o || typeof o !== 'object' || Array.isArray(o))
      throw typeError(`${name}.member`, 'a structure');
  return v as Input[];
}

export const REPOSITORY_NAME: StringRule = {
  min: 2,
  max: 256,
  pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
  patternText: '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*',
};
export const REGISTRY_ID: StringRule = { pattern: /^[0-9]{12}$/, patternText: '[0-9]{12}' };
export const UPLOAD_ID: StringRule = {
  pattern: /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/,
  patternText: '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}',
};
export const IMAGE_TAG: StringRule = { min: 1, max: 300 };
