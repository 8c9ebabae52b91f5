/**
 * Stock arithmetic of a drop item. A drop item has a production cap, a
 * contingency held back for wholesale, and the units claimed against it
 * (by holds and orders), of which some were claimed by wholesale orders.
 */

/** The counters of one variant in one drop. */
export interface DropItemStock {
  readonly cap: number;
  readonly contingency: number;
  readonly claimed: number;
  readonly wholesaleClaimed: number;
}

/** Companion functions for {@link DropItemStock}. */
export const DropItemStock = Object.freeze({
  /**
   * Units a consumer can still hold or order: the cap less the
   * contingency, less what consumers already claimed, and never more than
   * what is left of the cap.
   * @example DropItemStock.consumerAvailable({ cap: 150, contingency: 30,
   *   claimed: 20, wholesaleClaimed: 0 }) // 100
   */
  consumerAvailable(stock: DropItemStock): number {
    const consumerClaimed = stock.claimed - stock.wholesaleClaimed;
    const consumerRoom = stock.cap - stock.contingency - consumerClaimed;
    return Math.max(0, Math.min(consumerRoom, stock.cap - stock.claimed));
  },

  /**
   * Units a wholesale order can still claim: anything left of the cap,
   * contingency included.
   */
  wholesaleAvailable(stock: DropItemStock): number {
    return Math.max(0, stock.cap - stock.claimed);
  },
});
