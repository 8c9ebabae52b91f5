export { criticalRatio, type PlanEconomics } from './economics';
export {
  combineDemand,
  evaluatePlan,
  planProduction,
  realisedMarginCents,
  type PlanOutcome,
  type ProductionPlan,
} from './newsvendor';
