export {
  allocateRun,
  type AllocationSite,
  type RunAllocation,
  type SiteAllocation,
} from './allocate';
