import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BasisPoints, Cents, Units, ivaIncluded } from './money';

describe('money', () => {
  it('computes the IVA inside a gross price', () => {
    expect(ivaIncluded(Cents.of(12_200), BasisPoints.of(2200))).toBe(2200);
    expect(ivaIncluded(Cents.of(4500), BasisPoints.of(2200))).toBe(811);
    expect(ivaIncluded(Cents.of(1000), BasisPoints.of(1000))).toBe(91);
    expect(ivaIncluded(Cents.of(999), BasisPoints.of(0))).toBe(0);
  });

  it('takes the contingency share of a cap', () => {
    expect(Units.share(Units.of(150), BasisPoints.of(2000))).toBe(30);
    expect(Units.share(Units.of(45), BasisPoints.of(1000))).toBe(5);
  });

  it('refuses non-integers and out-of-range rates', () => {
    expect(() => Cents.of(1.5)).toThrow(RangeError);
    expect(() => BasisPoints.of(10_001)).toThrow(RangeError);
    expect(() => Units.of(-1)).toThrow(RangeError);
  });

  it('never gives more IVA than the gross price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (gross, rate) => {
          const iva = ivaIncluded(Cents.of(gross), BasisPoints.of(rate));
          return Number.isInteger(iva) && iva >= 0 && iva <= gross;
        },
      ),
    );
  });
});
