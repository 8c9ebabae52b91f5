export { autoEts, candidateSpecs, MAX_SEASONAL_PERIOD } from './auto';
export { filterEts, pointForecast, type EtsFilterResult } from './filter';
export {
  fitEts,
  JOINT_SEASON_MAX,
  type EtsFit,
  type EtsFitOptions,
} from './fit';
export { initialState } from './init';
export { predictEts, type EtsPrediction } from './predict';
export {
  etsName,
  type EtsParams,
  type EtsSpec,
  type EtsState,
  type ErrorType,
  type SeasonType,
  type TrendType,
} from './spec';
