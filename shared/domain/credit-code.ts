/**
 * The 统一社会信用代码 (unified social credit code) of GB 32100-2015: structure and check character.
 *
 * Every purchasing unit, agency and supplier is identified by this code; checking it where it enters the
 * system catches typos before they split one organisation into two records.
 */

import { ValidationError } from './errors';

/** The 31 characters a credit code may use, in value order (0–30): no I, O, Z, S or V. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Length of a credit code. */
const CODE_LENGTH = 18;

/**
 * Weights of positions 1–17: weight_i = 3^(i−1) mod 31.
 *
 * Computed rather than typed in, so a mistyped table cannot slip through: 1, 3, 9, 27, 19, 26, 16, 17,
 * 20, 29, 25, 13, 8, 24, 10, 30, 28.
 */
const WEIGHTS: readonly number[] = Array.from({ length: CODE_LENGTH - 1 }, (_, index) => {
  let weight = 1;
  for (let step = 0; step < index; step += 1) weight = (weight * 3) % 31;
  return weight;
});

/** Weights of the first 8 characters of a GB 11714 organisation code. */
const ORGANISATION_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

/** The parts of a credit code, as returned by {@link describeCreditCode}. */
export interface CreditCodeDescription {
  /** Position 1: the registration authority (e.g. `9` for 工商/市场监管). */
  registrationAuthority: string;
  /** Position 2: the organisation type within that authority (e.g. `1` for 企业). */
  organisationType: string;
  /** Positions 3–8: the administrative division code (six digits). */
  divisionCode: string;
  /** Positions 9–17: the organisation code (GB 11714). */
  organisationCode: string;
  /** Whether the organisation code's own check character (its 9th) is right; informative only. */
  organisationCodeValid: boolean;
}

/** Returns the alphabet value of a character, or −1 when it is not in the alphabet. */
function readAlphabetValue(character: string): number {
  return character.length === 1 ? ALPHABET.indexOf(character) : -1;
}

/** Returns the first character of `text` outside the alphabet, with its index, if any. */
function findIllegalCharacter(text: string): { index: number; character: string } | undefined {
  const characters = [...text];
  const index = characters.findIndex((character) => readAlphabetValue(character) < 0);
  const character = characters[index];
  return character === undefined ? undefined : { index, character };
}

/** Computes the check character of 17 characters already known to be in the alphabet. */
function calculateCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < WEIGHTS.length; index += 1) {
    sum += readAlphabetValue(first17.charAt(index)) * (WEIGHTS[index] ?? 0);
  }
  const value = (31 - (sum % 31)) % 31;
  return ALPHABET.charAt(value);
}

/** The outcome of checking a normalised code: undefined when valid, else what is wrong. */
type CreditCodeProblem =
  | { kind: 'length'; length: number }
  | { kind: 'character'; index: number; character: string }
  | { kind: 'division'; index: number; character: string }
  | { kind: 'check'; expected: string; actual: string };

/** Finds the first problem of an already trimmed and upper-cased code. */
function findProblem(code: string): CreditCodeProblem | undefined {
  const length = [...code].length;
  if (length !== CODE_LENGTH) return { kind: 'length', length };
  const illegal = findIllegalCharacter(code);
  if (illegal) return { kind: 'character', ...illegal };
  const divisionIndex = [...code.slice(2, 8)].findIndex((character) => character < '0' || character > '9');
  if (divisionIndex >= 0) {
    return { kind: 'division', index: divisionIndex + 2, character: code.charAt(divisionIndex + 2) };
  }
  const expected = calculateCheckCharacter(code.slice(0, CODE_LENGTH - 1));
  const actual = code.charAt(CODE_LENGTH - 1);
  return expected === actual ? undefined : { kind: 'check', expected, actual };
}

/** Trims and upper-cases a code, the one normal form the portal stores. */
function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Computes the 18th (check) character from the first 17 characters of a credit code.
 *
 * Used to validate codes and to build valid codes in fixtures; it expects the exact upper-case
 * characters and throws a bilingual {@link ValidationError} for a wrong length or an illegal character.
 */
export function computeCheckCharacter(first17: string): string {
  const length = [...first17].length;
  if (length !== CODE_LENGTH - 1) {
    const message = {
      zh: `计算校验码需要前 17 位，实际为 ${length} 位`,
      en: `the check character needs the first 17 characters, got ${length}`,
    };
    throw new ValidationError(message, [{ path: 'first17', message }]);
  }
  const illegal = findIllegalCharacter(first17);
  if (illegal) {
    const message = {
      zh: `第 ${illegal.index + 1} 位“${illegal.character}”不是统一社会信用代码允许的字符`,
      en: `character ${illegal.index + 1} '${illegal.character}' is not allowed in a unified social credit code`,
    };
    throw new ValidationError(message, [{ path: 'first17', message }]);
  }
  return calculateCheckCharacter(first17);
}

/**
 * Tells whether a code is a valid credit code; true exactly when {@link assertCreditCode} accepts it.
 *
 * For filters and UI hints that need a yes/no; surrounding spaces and lower case are accepted, as they
 * are when the code is asserted.
 */
export function isValidCreditCode(code: string): boolean {
  return typeof code === 'string' && findProblem(normaliseCode(code)) === undefined;
}

/**
 * Returns the trimmed, upper-cased code, or throws a bilingual {@link ValidationError} saying what is wrong.
 *
 * Codes are typed by hand from business licences; the error names the problem (length, which character
 * is illegal or not a digit in the division code, or which check character was expected) so the user
 * can fix the typo.
 */
export function assertCreditCode(code: string, path = 'creditCode'): string {
  const fail = (zh: string, en: string): never => {
    const message = { zh: `${path}：${zh}`, en: `${path}: ${en}` };
    throw new ValidationError(message, [{ path, message }]);
  };
  if (typeof code !== 'string') {
    return fail('统一社会信用代码必须是字符串', 'a unified social credit code must be a string');
  }
  const normalised = normaliseCode(code);
  const problem = findProblem(normalised);
  if (!problem) return normalised;
  switch (problem.kind) {
    case 'length':
      return fail(
        `统一社会信用代码应为 ${CODE_LENGTH} 位，实际为 ${problem.length} 位`,
        `a unified social credit code has ${CODE_LENGTH} characters, got ${problem.length}`,
      );
    case 'character':
      return fail(
        `第 ${problem.index + 1} 位“${problem.character}”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）`,
        `character ${problem.index + 1} '${problem.character}' is not allowed (only digits and upper-case letters other than I, O, Z, S and V)`,
      );
    case 'division':
      return fail(
        `第 ${problem.index + 1} 位“${problem.character}”应为数字（第 3–8 位是行政区划码）`,
        `character ${problem.index + 1} '${problem.character}' must be a digit (characters 3–8 are the administrative division code)`,
      );
    case 'check':
      return fail(
        `校验码错误：第 18 位应为“${problem.expected}”，实际为“${problem.actual}”`,
        `wrong check character: character 18 should be '${problem.expected}', got '${problem.actual}'`,
      );
  }
}

/** Returns the GB 11714 value of an organisation-code character: 0–9 for digits, 10–35 for A–Z. */
function readOrganisationValue(character: string): number {
  const code = character.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  return code - 55;
}

/** Tells whether a 9-character organisation code's last character is its GB 11714 check character. */
function isOrganisationCodeValid(organisationCode: string): boolean {
  let sum = 0;
  for (let index = 0; index < ORGANISATION_CODE_WEIGHTS.length; index += 1) {
    sum += readOrganisationValue(organisationCode.charAt(index)) * (ORGANISATION_CODE_WEIGHTS[index] ?? 0);
  }
  const value = 11 - (sum % 11);
  const expected = value === 10 ? 'X' : value === 11 ? '0' : String(value);
  return organisationCode.charAt(8) === expected;
}

/**
 * Splits a valid credit code into its parts and checks the embedded organisation code, for display only.
 *
 * Throws like {@link assertCreditCode} for an invalid code. `organisationCodeValid` is informative:
 * some registration authorities issue codes whose organisation part fails GB 11714, so it must never be
 * used to reject a code.
 */
export function describeCreditCode(code: string): CreditCodeDescription {
  const normalised = assertCreditCode(code);
  const organisationCode = normalised.slice(8, 17);
  return {
    registrationAuthority: normalised.slice(0, 1),
    organisationType: normalised.slice(1, 2),
    divisionCode: normalised.slice(2, 8),
    organisationCode,
    organisationCodeValid: isOrganisationCodeValid(organisationCode),
  };
}
