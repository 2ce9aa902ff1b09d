import { describe, expect, test } from 'vitest';
import {
  assertCreditCode,
  computeCheckCharacter,
  describeCreditCode,
  isValidCreditCode,
} from '../../shared/domain/credit-code';
import { ValidationError } from '../../shared/domain/errors';

/** Real codes printed on the business licences of large listed companies. */
const REAL_CODES = ['91350100M000100Y43', '91110000802100433B', '914403001922038216'];

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Runs `act` and returns the ValidationError it threw, or fails. */
const catchValidationError = (act: () => unknown): ValidationError => {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

/** Replaces the character at `index` (0-based). */
const replaceAt = (code: string, index: number, character: string): string =>
  `${code.slice(0, index)}${character}${code.slice(index + 1)}`;

describe('computeCheckCharacter', () => {
  test('matches a check character worked out by hand', () => {
    // Prepare
    // 91110000802100433B: alphabet values of the first 17 characters times weights 3^(i-1) mod 31:
    //   value  9  1  1  1  0  0  0  0  8  0  2  1  0  0  4  3  3
    //   weight 1  3  9 27 19 26 16 17 20 29 25 13  8 24 10 30 28
    //   9 + 3 + 9 + 27 + 160 + 50 + 13 + 40 + 90 + 84 = 485; 485 mod 31 = 20 (31 × 15 = 465);
    //   31 − 20 = 11, and the alphabet's character of value 11 is 'B'.
    const first17 = '91110000802100433';

    // Act
    const check = computeCheckCharacter(first17);

    // Assess
    expect(check).toBe('B');
  });

  test('handles letters in the organisation part (M = 21, Y = 30)', () => {
    // Prepare
    // 91350100M000100Y4: 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + 21·20 + 1·8 + 30·30 + 4·28 = 1640;
    //   1640 mod 31 = 28, 31 − 28 = 3, character '3'.
    const first17 = '91350100M000100Y4';

    // Act
    const check = computeCheckCharacter(first17);

    // Assess
    expect(check).toBe('3');
  });

  test('maps a weighted sum divisible by 31 to 0, not to an out-of-range 31', () => {
    // Prepare
    const first17 = '0'.repeat(17);

    // Act
    const check = computeCheckCharacter(first17);

    // Assess
    expect(check).toBe('0');
  });

  test.each([
    ['16 characters', '9111000080210043', '17'],
    ['an illegal letter', '9111000080210043I', "'I'"],
    ['lower case', '91350100m000100Y4', "'m'"],
  ])('rejects %s', (_label, first17, mentioned) => {
    // Prepare
    const input = first17;

    // Act
    const error = catchValidationError(() => computeCheckCharacter(input));

    // Assess
    expect(error.detail.en).toContain(mentioned);
    expect(error.errors[0]?.path).toBe('first17');
  });
});

describe('real codes', () => {
  test.each(REAL_CODES)('%s is valid and asserts to itself', (code) => {
    // Prepare
    const input = code;

    // Act
    const valid = isValidCreditCode(input);
    const asserted = assertCreditCode(input);

    // Assess
    expect(valid).toBe(true);
    expect(asserted).toBe(code);
    expect(computeCheckCharacter(code.slice(0, 17))).toBe(code.slice(17));
  });

  test.each(REAL_CODES)('%s in lower case with spaces around is accepted and normalised', (code) => {
    // Prepare
    const input = `  ${code.toLowerCase()} `;

    // Act
    const valid = isValidCreditCode(input);
    const asserted = assertCreditCode(input);

    // Assess
    expect(valid).toBe(true);
    expect(asserted).toBe(code);
  });
});

describe('invalid codes', () => {
  test.each(REAL_CODES)(
    '%s with its check character changed is rejected, naming the expected one',
    (code) => {
      // Prepare
      const actual = code.charAt(17);
      const wrong = ALPHABET.charAt((ALPHABET.indexOf(actual) + 1) % ALPHABET.length);
      const input = replaceAt(code, 17, wrong);

      // Act
      const valid = isValidCreditCode(input);
      const error = catchValidationError(() => assertCreditCode(input));

      // Assess
      expect(valid).toBe(false);
      expect(error.detail.en).toContain(`character 18 should be '${actual}', got '${wrong}'`);
      expect(error.detail.zh).toContain(`第 18 位应为“${actual}”`);
      expect(error.errors[0]?.path).toBe('creditCode');
    },
  );

  test.each(['I', 'O', 'Z', 'S', 'V'])(
    'a code with the letter %s is rejected as an illegal character',
    (letter) => {
      // Prepare
      const input = replaceAt('91350100M000100Y43', 9, letter);

      // Act
      const valid = isValidCreditCode(input);
      const error = catchValidationError(() => assertCreditCode(input, 'body.supplier.creditCode'));

      // Assess
      expect(valid).toBe(false);
      expect(error.detail.en).toContain(`character 10 '${letter}' is not allowed`);
      expect(error.detail.zh).toContain(`第 10 位“${letter}”`);
      expect(error.errors[0]?.path).toBe('body.supplier.creditCode');
    },
  );

  test.each([
    ['17', '91350100M000100Y4'],
    ['19', '91350100M000100Y430'],
    ['0', ''],
  ])('a code of %s characters is rejected for its length', (length, input) => {
    // Prepare
    const code = input;

    // Act
    const valid = isValidCreditCode(code);
    const error = catchValidationError(() => assertCreditCode(code));

    // Assess
    expect(valid).toBe(false);
    expect(error.detail.en).toContain(`has 18 characters, got ${length}`);
    expect(error.detail.zh).toContain(`应为 18 位，实际为 ${length} 位`);
  });

  test('a letter inside the administrative division code is rejected even with a matching check character', () => {
    // Prepare
    const first17 = '91AB0000802100433';
    const input = `${first17}${computeCheckCharacter(first17)}`;

    // Act
    const valid = isValidCreditCode(input);
    const error = catchValidationError(() => assertCreditCode(input));

    // Assess
    expect(valid).toBe(false);
    expect(error.detail.en).toContain("character 3 'A' must be a digit");
  });
});

describe('describeCreditCode', () => {
  test('splits a real code into its parts and finds its organisation code valid', () => {
    // Prepare
    const code = '91350100m000100y43';

    // Act
    const description = describeCreditCode(code);

    // Assess
    expect(description).toEqual({
      registrationAuthority: '9',
      organisationType: '1',
      divisionCode: '350100',
      organisationCode: 'M000100Y4',
      organisationCodeValid: true,
    });
  });

  test.each(REAL_CODES)('finds the embedded organisation code of %s valid', (code) => {
    // Prepare
    const input = code;

    // Act
    const description = describeCreditCode(input);

    // Assess
    expect(description.organisationCode).toBe(code.slice(8, 17));
    expect(description.organisationCodeValid).toBe(true);
  });

  test('reports a failing organisation check digit without rejecting the credit code', () => {
    // Prepare
    // MA000000 weighs M = 22 × 3 + A = 10 × 7 = 136; 136 mod 11 = 4; 11 − 4 = 7, so '1' is wrong.
    const first17 = '91110000MA0000001';
    const code = `${first17}${computeCheckCharacter(first17)}`;

    // Act
    const valid = isValidCreditCode(code);
    const description = describeCreditCode(code);

    // Assess
    expect(valid).toBe(true);
    expect(description.organisationCodeValid).toBe(false);
    expect(
      describeCreditCode(`${first17.slice(0, 16)}7${computeCheckCharacter(`${first17.slice(0, 16)}7`)}`),
    ).toMatchObject({ organisationCode: 'MA0000007', organisationCodeValid: true });
  });

  test('throws like assertCreditCode for an invalid code', () => {
    // Prepare
    const code = '91350100M000100Y44';

    // Act
    const error = catchValidationError(() => describeCreditCode(code));

    // Assess
    expect(error.detail.en).toContain("should be '3'");
  });
});
