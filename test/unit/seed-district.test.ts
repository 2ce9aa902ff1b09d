/**
 * The demo data speaks of the district it is modelled on: 广元市昭化区, division code 510811.
 */
import { describe, expect, it } from 'vitest';
import { creditCodeFor, SEED_DISTRICT } from '../../infra/local/seed';
import { describeCreditCode, isValidCreditCode } from '../../shared/domain/credit-code';

describe('demo suppliers of 广元市昭化区', () => {
  it('get valid GB 32100-2015 credit codes of enterprises registered in 510811', () => {
    // Prepare
    const codes = Array.from({ length: 99 }, (_, i) => creditCodeFor(i + 1));

    // Assess
    expect(SEED_DISTRICT).toEqual({ name: '广元市昭化区', divisionCode: '510811' });
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(isValidCreditCode(code), code).toBe(true);
      expect(describeCreditCode(code)).toMatchObject({
        registrationAuthority: '9',
        organisationType: '1',
        divisionCode: '510811',
      });
    }
  });
});
