export { ForecastInputError, type ForecastInputErrorCode } from './errors';
export { observeDrop, windowFraction, type DropWindow } from './window';
export { ArrivalShape, SHAPE_STEPS } from './shape';
export {
  DropStats,
  pastDropFromOrderTimes,
  type DropArrival,
  type PastDrop,
} from './history';
export { dropPriorFromStats, learnDropPrior, type DropPrior } from './prior';
export {
  DROP_LEVELS,
  DropForecast,
  forecastDropTotal,
  type DropObservation,
} from './forecast';
