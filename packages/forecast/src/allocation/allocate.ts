import { ForecastInputError, requireCount } from '../preorder/errors';
import { CountDistribution } from '../random/count-distribution';

/**
 * A place a run can be sent to: a pickup hub, a locker, the stall at a
 * pop-up, with its demand and (optionally) how many units it can hold.
 *
 * @example const stall: AllocationSite = { id: 'stall', demand, capacity: 60 };
 */
export interface AllocationSite {
  readonly id: string;
  readonly demand: CountDistribution;
  readonly capacity?: number;
}

/** What one site gets and what that implies. */
export interface SiteAllocation {
  readonly id: string;
  readonly units: number;
  readonly expectedSold: number;
  readonly expectedLostSales: number;
  readonly expectedLeftover: number;
}

/**
 * The split of a run, site by site, and the units no site could take
 * (every capacity full).
 *
 * @example allocateRun(150, sites).sites[0].units
 */
export interface RunAllocation {
  readonly sites: readonly SiteAllocation[];
  readonly unallocated: number;
}

/**
 * Splits a run across sites by greedy marginal allocation: each unit
 * goes where P(demand >= units there + 1) is highest, among the sites
 * with room (ties to the site listed first). For independent demands
 * and a fixed run this maximises expected units sold.
 *
 * @example allocateRun(40, [{ id: 'hub-a', demand: a }, { id: 'stall', demand: b, capacity: 25 }])
 */
export function allocateRun(
  run: number,
  sites: readonly AllocationSite[],
): RunAllocation {
  requireCount(run, 'run');
  if (sites.length === 0) {
    throw new ForecastInputError('empty-input', 'no sites to allocate to');
  }
  for (const site of sites) {
    if (site.capacity !== undefined) requireCount(site.capacity, 'capacity');
  }
  if (new Set(sites.map((s) => s.id)).size !== sites.length) {
    throw new ForecastInputError('bad-capacity', 'site ids must be unique');
  }

  const units = sites.map(() => 0);
  let left = run;
  while (left > 0) {
    let best = -1;
    let bestGain = -1;
    sites.forEach((site, i) => {
      const u = units[i] ?? 0;
      if (site.capacity !== undefined && u >= site.capacity) return;
      const gain = CountDistribution.probAtLeast(site.demand, u + 1);
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
      }
    });
    if (best < 0) break;
    units[best] = (units[best] ?? 0) + 1;
    left -= 1;
  }

  return {
    sites: sites.map((site, i) => describe(site, units[i] ?? 0)),
    unallocated: left,
  };
}

function describe(site: AllocationSite, units: number): SiteAllocation {
  let sold = 0;
  for (let k = 1; k <= units; k++) {
    sold += CountDistribution.probAtLeast(site.demand, k);
  }
  return {
    id: site.id,
    units,
    expectedSold: sold,
    expectedLostSales: Math.max(0, CountDistribution.mean(site.demand) - sold),
    expectedLeftover: units - sold,
  };
}
