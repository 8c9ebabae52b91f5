/**
 * Money in Bottega is integer euro cents, IVA-inclusive for consumers, and
 * IVA rates are integer basis points (22 % is 2200). No floats for money.
 */

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** An integer amount of euro cents. */
export type Cents = Brand<number, 'Cents'>;

/** An integer rate in basis points: 10000 is 100 %. */
export type BasisPoints = Brand<number, 'BasisPoints'>;

/** An integer count of physical units. */
export type Units = Brand<number, 'Units'>;

function assertInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer, got ${value}`);
  }
}

/** Companion functions for {@link Cents}. */
export const Cents = Object.freeze({
  /**
   * Brands an integer as cents.
   * @example Cents.of(4500) // €45.00
   */
  of(value: number): Cents {
    assertInteger(value, 'cents');
    return value as Cents;
  },

  /** Adds amounts of cents. */
  sum(...values: readonly Cents[]): Cents {
    let total = 0;
    for (const value of values) total += value;
    return Cents.of(total);
  },

  /**
   * Multiplies a unit price by a quantity.
   * @example Cents.times(Cents.of(4500), Units.of(3)) // 13500
   */
  times(price: Cents, quantity: Units): Cents {
    return Cents.of(price * quantity);
  },

  /**
   * Takes a share of an amount, rounding half away from zero to whole cents.
   * @example Cents.share(Cents.of(1000), BasisPoints.of(1500)) // 150
   */
  share(amount: Cents, rate: BasisPoints): Cents {
    return Cents.of(roundHalfAway((amount * rate) / 10_000));
  },
});

/** Companion functions for {@link BasisPoints}. */
export const BasisPoints = Object.freeze({
  /** Brands an integer as basis points; 0 to 10000. */
  of(value: number): BasisPoints {
    assertInteger(value, 'basis points');
    if (value < 0 || value > 10_000) {
      throw new RangeError(`basis points must be 0..10000, got ${value}`);
    }
    return value as BasisPoints;
  },
});

/** Companion functions for {@link Units}. */
export const Units = Object.freeze({
  /** Brands a non-negative integer as units. */
  of(value: number): Units {
    assertInteger(value, 'units');
    if (value < 0) throw new RangeError(`units must be >= 0, got ${value}`);
    return value as Units;
  },

  /**
   * The units of a share of a quantity, rounded half up: the contingency
   * of a cap, for example.
   * @example Units.share(Units.of(150), BasisPoints.of(2000)) // 30
   */
  share(quantity: Units, rate: BasisPoints): Units {
    return Units.of(roundHalfAway((quantity * rate) / 10_000));
  },
});

function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/**
 * The IVA contained in an IVA-inclusive consumer price:
 * price × rate / (10000 + rate), rounded to whole cents.
 * @example ivaIncluded(Cents.of(12200), BasisPoints.of(2200)) // 2200
 */
export function ivaIncluded(gross: Cents, rate: BasisPoints): Cents {
  return Cents.of(roundHalfAway((gross * rate) / (10_000 + rate)));
}
