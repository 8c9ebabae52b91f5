export {
  expectedDemand,
  fitDemand,
  predictDemand,
  type DemandDay,
  type DemandFitOptions,
  type DemandModel,
} from './count-regression';
export { fitPlaces, predictPlaceDemand, type PlaceDemand } from './pooled';
